package dev.phoenix.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * {@code html}: one self-contained page ({@code scorecard.html}) with no external assets and no
 * script: scores, groups, what changed since the previous run, the findings most severe first
 * (waived and expired waivers marked, with who, until when and why), chaos experiments, rollouts,
 * unused waivers and the consistent members, each member by name and id. Every value that comes
 * from a member goes through {@link HtmlCells}: escaped, bidi-isolated and clipped, so no value can
 * run a script, reorder its row or push a column off the screen. Lists stop at {@value #MAX_LISTED}.
 *
 * <pre>{@code
 * new HtmlExporter().write(scorecard, out);
 * }</pre>
 */
public final class HtmlExporter implements Exporter {

    static final int MAX_LISTED = 2000;

    private static final String CSS = """
            :root{--ok:#1a7f37;--warn:#9a6700;--bad:#cf222e;--muted:#57606a;--line:#d0d7de;--bg:#f6f8fa}
            *{box-sizing:border-box}body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1f2328;background:#fff}
            header{padding:20px 28px;border-bottom:1px solid var(--line);background:var(--bg)}
            h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:28px 0 8px}h3{font-size:14px;margin:16px 0 6px}main{padding:0 28px 40px}
            .meta{color:var(--muted);font-size:13px}.tiles{display:flex;gap:12px;flex-wrap:wrap;margin-top:14px}
            .tile{border:1px solid var(--line);border-radius:8px;padding:10px 14px;min-width:130px;background:#fff}
            .tile b{display:block;font-size:24px}.tile span{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.04em}
            .grade{font-size:40px;font-weight:700;width:64px;height:64px;border-radius:12px;display:inline-flex;align-items:center;justify-content:center;color:#fff;float:right}
            .grade-A{background:var(--ok)}.grade-B{background:#4d8a2a}.grade-C{background:var(--warn)}.grade-D{background:#bc4c00}.grade-F{background:var(--bad)}
            table{border-collapse:collapse;width:100%;margin:6px 0 12px}
            th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top;overflow-wrap:anywhere;min-width:5.5em}
            th{background:var(--bg);font-weight:600}code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:12.5px}
            bdi{unicode-bidi:isolate}.clipped{cursor:help;border-bottom:1px dotted var(--muted)}
            .status{font-weight:600;border-radius:10px;padding:1px 8px;font-size:12px;white-space:nowrap;display:inline-block}
            .CONSISTENT,.REPRODUCED,.BASELINED,.ADOPTED{background:#dafbe1;color:var(--ok)}
            .DRIFTED,.MUTATED,.DIVERGED,.NONDETERMINISTIC,.MISSING,.CRITICAL,.HIGH{background:#ffebe9;color:var(--bad)}
            .UNREACHABLE,.REPLACEMENT_FAILED,.TIMED_OUT,.UNDERSIZED,.UNDISCOVERED,.OBJECTIVE_MISSED,.MEDIUM{background:#fff8c5;color:var(--warn)}
            .SKIPPED,.LOW,.waived{background:#eaeef2;color:var(--muted)}.expired{background:#fff1e5;color:#bc4c00}.new{background:#ddf4ff;color:#0969da}
            tr.waived td{color:var(--muted)}tr.waived td:first-child{border-left:3px solid var(--muted)}tr.expired td:first-child{border-left:3px solid #bc4c00}
            .empty{color:var(--muted)}details summary{cursor:pointer;color:var(--muted)}
            """;

    @Override
    public String name() {
        return "html";
    }

    @Override
    public String fileName() {
        return "scorecard.html";
    }

    @Override
    public void write(Scorecard s, OutputStream out) throws IOException {
        ReportView view = ReportView.of(s);
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        Score score = s.score();
        w.write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                + "<title>Phoenix scorecard " + Html.escape(s.runId()) + "</title><style>" + CSS + "</style></head><body>\n");
        w.write("<header><div class=\"grade grade-" + Html.escape(score.grade()) + "\" id=\"grade\">" + Html.escape(score.grade())
                + "</div><h1>Phoenix consistency scorecard</h1><div class=\"meta\">run <code>" + Html.escape(s.runId())
                + "</code> · " + Html.escape(time(s.startedAt())) + " → " + Html.escape(time(s.finishedAt())) + " · mode <b>"
                + Html.escape(s.mode()) + "</b>" + (s.complete() ? "" : " · <b style=\"color:var(--bad)\">INCOMPLETE</b>")
                + (s.seed() == null ? "" : " · seed " + s.seed()) + "</div>\n<div class=\"tiles\">");
        tile(w, "score-overall", "Overall", Text.score(score.overall()));
        tile(w, "score-consistency", "Consistency", Text.score(score.consistency()));
        tile(w, "score-reproducibility", "Reproducibility", Text.score(score.reproducibility()));
        tile(w, "score-coverage", "Coverage", Text.score(score.coverage()));
        tile(w, "members", "Members", String.valueOf(s.members().size()));
        tile(w, "findings", "Findings", String.valueOf(view.findings().size()));
        tile(w, "failing", "Failing subjects", String.valueOf(s.findingCount()));
        tile(w, "waived", "Waived", String.valueOf(view.waivedCount()));
        if (s.comparison() != null) {
            tile(w, "new", "New", String.valueOf(s.comparison().newFindings().size()));
            tile(w, "resolved", "Resolved", String.valueOf(s.comparison().resolved().size()));
        }
        w.write("</div></header><main>\n");

        groups(w, s);
        HtmlFindings.comparison(w, view);
        HtmlFindings.findings(w, view);
        chaos(w, view);
        rollouts(w, view);
        HtmlFindings.unusedWaivers(w, s);
        consistent(w, s);
        w.write("</main></body></html>\n");
        w.flush();
    }

    private static String time(Instant t) {
        return t == null ? "" : t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static void tile(Writer w, String id, String label, String value) throws IOException {
        w.write("<div class=\"tile\"><span>" + label + "</span><b id=\"" + id + "\">" + value + "</b></div>");
    }

    private static void groups(Writer w, Scorecard s) throws IOException {
        w.write("<h2>Groups</h2><table id=\"groups\"><tr><th>Group</th><th>Provider</th><th>Mutability</th>"
                + "<th>Members</th><th>Statuses</th><th>Score</th></tr>\n");
        for (GroupSummary g : s.groups()) {
            StringBuilder statuses = new StringBuilder();
            for (Map.Entry<MemberStatus, Integer> e : g.statuses().entrySet()) {
                statuses.append("<span class=\"status ").append(e.getKey()).append("\">").append(e.getKey())
                        .append(" ").append(e.getValue()).append("</span> ");
            }
            if (g.error() != null) {
                statuses.append("<span class=\"status UNDISCOVERED\">not discovered</span> ").append(HtmlCells.value(g.error()));
            }
            w.write("<tr><td>" + HtmlCells.value(g.name()) + "</td><td>" + Html.escape(g.provider()) + "</td><td>"
                    + Html.escape(g.mutability()) + "</td><td>" + g.members() + "</td><td>" + statuses + "</td><td>"
                    + (g.score() == null ? "" : Text.score(g.score().overall()) + " (" + Html.escape(g.score().grade()) + ")")
                    + "</td></tr>\n");
        }
        w.write("</table>\n");
    }

    private static void chaos(Writer w, ReportView view) throws IOException {
        Scorecard s = view.scorecard();
        w.write("<h2>Chaos experiments</h2>\n");
        if (s.chaos().isEmpty()) {
            w.write("<p class=\"empty\">No chaos experiment in this run.</p>\n");
            return;
        }
        w.write("<table id=\"chaos\"><tr><th>Group</th><th>Victim</th><th>Replacement</th><th>Verdict</th>"
                + "<th>Time to replace</th><th>Time to match</th><th>Details</th></tr>\n");
        for (ChaosResult c : s.chaos()) {
            w.write("<tr data-verdict=\"" + c.verdict() + "\"><td>" + HtmlCells.value(c.group()) + "</td><td>"
                    + HtmlCells.member(view, c.victim()) + "</td><td>" + HtmlCells.member(view, c.replacement()) + "</td><td>"
                    + HtmlCells.badge(c.verdict()) + "</td><td>" + Text.millis(c.timeToReplaceMs()) + "</td><td>"
                    + Text.millis(c.timeToMatchMs()) + "</td><td>" + (c.guard() == null ? "" : "guard <code>" + Html.escape(c.guard())
                    + "</code>: ") + HtmlCells.value(c.reason()));
            if (!c.diff().isEmpty()) {
                w.write("<table class=\"drift\"><tr><th>Fact</th><th>Victim</th><th>Replacement</th></tr>");
                for (dev.phoenix.model.Drift d : c.diff()) {
                    w.write("<tr><td>" + HtmlCells.code(d.fact()) + "</td><td class=\"mono\">" + HtmlCells.value(d.expected())
                            + "</td><td class=\"mono\">" + HtmlCells.value(d.actual()) + "</td></tr>");
                }
                w.write("</table>");
            }
            w.write("</td></tr>\n");
        }
        w.write("</table>\n");
    }

    private static void rollouts(Writer w, ReportView view) throws IOException {
        List<Rollout> rollouts = view.scorecard().rollouts();
        if (rollouts.isEmpty()) {
            return;
        }
        w.write("<h2>Rollouts</h2><table id=\"rollouts\"><tr><th>Group</th><th>Member</th><th>From</th><th>To</th></tr>\n");
        for (Rollout r : rollouts) {
            w.write("<tr><td>" + HtmlCells.value(r.group()) + "</td><td>" + (r.member() == null ? "(whole group)"
                    : HtmlCells.member(view, r.member())) + "</td><td class=\"mono\">" + HtmlCells.value(r.from())
                    + "</td><td class=\"mono\">" + HtmlCells.value(r.to()) + "</td></tr>\n");
        }
        w.write("</table>\n");
    }

    private static void consistent(Writer w, Scorecard s) throws IOException {
        List<MemberResult> fine = s.members().stream().filter(m -> !m.status().finding()).toList();
        w.write("<h2>Consistent members</h2><details id=\"consistent\"><summary>" + fine.size()
                + " members are consistent or were baselined in this run</summary><table><tr><th>Member</th><th>Group</th>"
                + "<th>Status</th><th>Fingerprint</th><th>Note</th></tr>\n");
        int shown = 0;
        for (MemberResult m : fine) {
            if (shown++ == MAX_LISTED) {
                w.write("<tr><td colspan=\"5\" class=\"empty\">… and " + (fine.size() - MAX_LISTED) + " more in scorecard.json</td></tr>");
                break;
            }
            w.write("<tr><td>" + HtmlCells.member(m.name(), m.id()) + "</td><td>" + HtmlCells.value(m.group()) + "</td><td>"
                    + HtmlCells.badge(m.status()) + "</td><td class=\"mono\">"
                    + Html.escape(m.fingerprint() == null ? "" : m.fingerprint().substring(0, Math.min(12, m.fingerprint().length())))
                    + "</td><td>" + HtmlCells.value(m.note()) + "</td></tr>\n");
        }
        w.write("</table></details>\n");
    }
}
