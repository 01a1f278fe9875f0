package dev.phoenix.report;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * The HTML scorecard's findings (most severe first, waivers shown), what changed since the
 * previous run and the unused waivers; {@link HtmlExporter} writes the rest of the page.
 */
final class HtmlFindings {

    private HtmlFindings() {
    }

    static void findings(Writer w, ReportView view) throws IOException {
        List<Finding> all = view.findings();
        w.write("<h2>Findings</h2>\n");
        if (all.isEmpty()) {
            w.write("<p class=\"empty\">No findings.</p>\n");
            return;
        }
        w.write("<p class=\"meta\">" + all.size() + " findings, " + view.waivedCount() + " waived, most severe first: "
                + Html.escape(ReportView.counts(ReportView.byKind(all), FindingKind::name)) + "</p>\n");
        w.write("<table id=\"findings-table\"><tr><th>Severity</th><th>Kind</th><th>Group</th><th>Member</th><th>Fact</th>"
                + "<th>Expected</th><th>Actual</th><th>Waiver</th></tr>\n");
        int shown = 0;
        for (Finding f : all) {
            if (shown++ == HtmlExporter.MAX_LISTED) {
                w.write("<tr><td colspan=\"8\" class=\"empty\">… and " + (all.size() - HtmlExporter.MAX_LISTED)
                        + " more (less severe) in scorecard.json</td></tr>\n");
                break;
            }
            String state = f.waived() ? " class=\"waived\"" : f.waiver() != null ? " class=\"expired\"" : "";
            w.write("<tr data-kind=\"" + f.kind() + "\" data-finding=\"" + Html.escape(f.id()) + "\"" + state + "><td>"
                    + HtmlCells.badge(f.severity()) + "</td><td>" + HtmlCells.badge(f.kind())
                    + (view.since(f) == ReportView.Since.NEW ? " <span class=\"status new\">new</span>" : "") + "</td><td>"
                    + HtmlCells.value(f.group()) + "</td><td>" + HtmlCells.member(view, f) + "</td>");
            if (f.fact() == null) {
                w.write("<td colspan=\"3\">" + HtmlCells.value(f.message()) + "</td>");
            } else {
                w.write("<td>" + HtmlCells.code(f.fact()) + "</td><td class=\"mono\">" + HtmlCells.value(ReportView.value(f.expected()))
                        + "</td><td class=\"mono\">" + HtmlCells.value(ReportView.value(f.actual())) + "</td>");
            }
            w.write("<td>" + HtmlCells.waiver(f.waiver()) + "</td></tr>\n");
        }
        w.write("</table>\n");
    }

    static void comparison(Writer w, ReportView view) throws IOException {
        Scorecard.Comparison c = view.scorecard().comparison();
        w.write("<h2>Since the last run</h2>\n");
        if (c == null) {
            w.write("<p class=\"empty\">No previous run to compare with.</p>\n");
            return;
        }
        w.write("<p id=\"comparison\">Compared with run <code>" + Html.escape(c.previousRunId()) + "</code>"
                + (c.previousStartedAt() == null ? "" : " (" + Html.escape(c.previousStartedAt()) + ")") + ": <b id=\"new-count\">"
                + c.newFindings().size() + " new</b>, " + c.stillOpen().size() + " still open, <b id=\"resolved-count\">"
                + c.resolved().size() + " resolved</b>.</p>\n");
        list(w, view, "new-findings", "New findings", view.newFindings());
        list(w, view, "resolved-findings", "Resolved findings", view.resolved());
    }

    private static void list(Writer w, ReportView view, String id, String title, List<Finding> findings) throws IOException {
        if (findings.isEmpty()) {
            return;
        }
        w.write("<h3>" + title + "</h3><table id=\"" + id + "\"><tr><th>Severity</th><th>Kind</th><th>Group</th><th>Member</th>"
                + "<th>Fact or message</th></tr>\n");
        int shown = 0;
        for (Finding f : findings) {
            if (shown++ == HtmlExporter.MAX_LISTED) {
                w.write("<tr><td colspan=\"5\" class=\"empty\">… and " + (findings.size() - HtmlExporter.MAX_LISTED) + " more</td></tr>\n");
                break;
            }
            w.write("<tr><td>" + HtmlCells.badge(f.severity()) + "</td><td>" + HtmlCells.badge(f.kind()) + "</td><td>"
                    + HtmlCells.value(f.group()) + "</td><td>" + HtmlCells.member(view, f) + "</td><td>"
                    + (f.fact() == null ? HtmlCells.value(f.message()) : HtmlCells.code(f.fact())) + "</td></tr>\n");
        }
        w.write("</table>\n");
    }

    static void unusedWaivers(Writer w, Scorecard s) throws IOException {
        if (s.unusedWaivers().isEmpty()) {
            return;
        }
        w.write("<h2>Unused waivers</h2><p class=\"meta\">These waivers matched no finding of this run: remove them, or check "
                + "that they still name the right member and fact.</p><table id=\"unused-waivers\"><tr><th>Group</th><th>Member</th>"
                + "<th>Fact</th><th>Justification</th><th>By</th><th>Expires</th></tr>\n");
        for (Scorecard.UnusedWaiver u : s.unusedWaivers()) {
            w.write("<tr><td>" + HtmlCells.value(u.group()) + "</td><td>" + HtmlCells.code(u.member()) + "</td><td>"
                    + HtmlCells.code(u.fact()) + "</td><td>" + HtmlCells.value(u.justification()) + "</td><td>" + HtmlCells.value(u.by())
                    + "</td><td>" + HtmlCells.value(u.expires()) + "</td></tr>\n");
        }
        w.write("</table>\n");
    }
}
