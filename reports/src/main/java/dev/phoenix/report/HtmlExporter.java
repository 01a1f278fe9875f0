package dev.phoenix.report;

import dev.phoenix.model.Drift;
import dev.phoenix.model.ProbeError;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * {@code html}: one self-contained page ({@code scorecard.html}) with no external assets and no
 * script. Every value that comes from a member is escaped. Findings come first; consistent
 * members are folded away and listed up to {@value #MAX_LISTED}.
 */
public final class HtmlExporter implements Exporter {

    static final int MAX_LISTED = 2000;

    private static final String CSS = """
            :root{--ok:#1a7f37;--warn:#9a6700;--bad:#cf222e;--muted:#57606a;--line:#d0d7de;--bg:#f6f8fa}
            *{box-sizing:border-box}body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1f2328;background:#fff}
            header{padding:20px 28px;border-bottom:1px solid var(--line);background:var(--bg)}
            h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:28px 0 8px}main{padding:0 28px 40px}
            .meta{color:var(--muted);font-size:13px}.tiles{display:flex;gap:12px;flex-wrap:wrap;margin-top:14px}
            .tile{border:1px solid var(--line);border-radius:8px;padding:10px 14px;min-width:130px;background:#fff}
            .tile b{display:block;font-size:24px}.tile span{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.04em}
            .grade{font-size:40px;font-weight:700;width:64px;height:64px;border-radius:12px;display:inline-flex;align-items:center;justify-content:center;color:#fff;float:right}
            .grade-A{background:var(--ok)}.grade-B{background:#4d8a2a}.grade-C{background:var(--warn)}.grade-D{background:#bc4c00}.grade-F{background:var(--bad)}
            table{border-collapse:collapse;width:100%;margin:6px 0 12px}th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
            th{background:var(--bg);font-weight:600}td code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:12.5px;word-break:break-all}
            .status{font-weight:600;border-radius:10px;padding:1px 8px;font-size:12px;white-space:nowrap}
            .CONSISTENT,.REPRODUCED,.BASELINED{background:#dafbe1;color:var(--ok)}.DRIFTED,.MUTATED,.DIVERGED{background:#ffebe9;color:var(--bad)}
            .UNREACHABLE,.REPLACEMENT_FAILED,.TIMED_OUT{background:#fff8c5;color:var(--warn)}.SKIPPED{background:#eaeef2;color:var(--muted)}
            .finding{border:1px solid var(--line);border-left:4px solid var(--bad);border-radius:6px;padding:10px 14px;margin:10px 0}
            .finding[data-status=UNREACHABLE]{border-left-color:var(--warn)}.finding h3{margin:0 0 6px;font-size:14px}
            td code{white-space:nowrap}
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
        tile(w, "overall", "Overall", score.overall());
        tile(w, "consistency", "Consistency", score.consistency());
        tile(w, "reproducibility", "Reproducibility", score.reproducibility());
        tile(w, "coverage", "Coverage", score.coverage());
        w.write("<div class=\"tile\"><span>Members</span><b>" + s.members().size() + "</b></div>");
        w.write("<div class=\"tile\"><span>Findings</span><b id=\"findings\">" + s.findingCount() + "</b></div>");
        w.write("</div></header><main>\n");

        groups(w, s);
        findings(w, s);
        chaos(w, s);
        rollouts(w, s);
        consistent(w, s);
        w.write("</main></body></html>\n");
        w.flush();
    }

    private static String time(java.time.Instant t) {
        return t == null ? "" : t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    private static void tile(Writer w, String id, String label, Integer value) throws IOException {
        w.write("<div class=\"tile\"><span>" + label + "</span><b id=\"score-" + id + "\">" + Text.score(value) + "</b></div>");
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
                statuses.append("<span class=\"status UNREACHABLE\">not discovered</span> ").append(Html.escape(g.error()));
            }
            w.write("<tr><td>" + Html.escape(g.name()) + "</td><td>" + Html.escape(g.provider()) + "</td><td>"
                    + Html.escape(g.mutability()) + "</td><td>" + g.members() + "</td><td>" + statuses + "</td><td>"
                    + (g.score() == null ? "" : Text.score(g.score().overall()) + " (" + Html.escape(g.score().grade()) + ")")
                    + "</td></tr>\n");
        }
        w.write("</table>\n");
    }

    private static void findings(Writer w, Scorecard s) throws IOException {
        w.write("<h2>Findings</h2><div id=\"member-findings\">\n");
        List<MemberResult> findings = s.members().stream().filter(m -> m.status().finding()).toList();
        if (findings.isEmpty()) {
            w.write("<p class=\"empty\">No drifted, mutated or unreachable members.</p>");
        }
        int shown = 0;
        for (MemberResult m : findings) {
            if (shown++ == MAX_LISTED) {
                w.write("<p class=\"empty\">… and " + (findings.size() - MAX_LISTED) + " more in scorecard.json</p>");
                break;
            }
            w.write("<div class=\"finding\" data-status=\"" + m.status() + "\" data-member=\"" + Html.escape(m.id()) + "\"><h3><code>"
                    + Html.escape(m.id()) + "</code> <span class=\"status " + m.status() + "\">" + m.status()
                    + "</span> <span class=\"meta\">group " + Html.escape(m.group()) + " · " + Html.escape(m.mutability())
                    + " · " + Html.escape(m.provider()) + (m.provenance() == null || m.provenance().isEmpty() ? ""
                    : " · " + Html.escape(m.provenance())) + "</span></h3>");
            if (m.note() != null) {
                w.write("<div class=\"meta\">" + Html.escape(m.note()) + "</div>");
            }
            driftTable(w, m.drift(), "Expected", "Actual");
            if (!m.probeErrors().isEmpty()) {
                w.write("<table><tr><th>Probe</th><th>Error</th></tr>");
                for (ProbeError e : m.probeErrors()) {
                    w.write("<tr><td>" + Html.escape(e.probe()) + "</td><td class=\"mono\">" + Html.escape(e.cause()) + "</td></tr>");
                }
                w.write("</table>");
            }
            w.write("</div>\n");
        }
        w.write("</div>\n");
    }

    private static void driftTable(Writer w, List<Drift> drift, String expected, String actual) throws IOException {
        if (drift.isEmpty()) {
            return;
        }
        w.write("<table class=\"drift\"><tr><th>Fact</th><th>" + expected + "</th><th>" + actual + "</th><th>Change</th></tr>");
        for (Drift d : drift) {
            w.write("<tr><td><code>" + Html.escape(d.fact()) + "</code></td><td class=\"mono\">" + Html.escape(d.expected())
                    + "</td><td class=\"mono\">" + Html.escape(d.actual()) + "</td><td>" + d.change() + "</td></tr>");
        }
        w.write("</table>");
    }

    private static void chaos(Writer w, Scorecard s) throws IOException {
        w.write("<h2>Chaos experiments</h2>\n");
        if (s.chaos().isEmpty()) {
            w.write("<p class=\"empty\">No chaos experiment in this run.</p>\n");
            return;
        }
        w.write("<table id=\"chaos\"><tr><th>Group</th><th>Victim</th><th>Replacement</th><th>Verdict</th>"
                + "<th>Time to replace</th><th>Time to match</th><th>Details</th></tr>\n");
        for (ChaosResult c : s.chaos()) {
            w.write("<tr data-verdict=\"" + c.verdict() + "\"><td>" + Html.escape(c.group()) + "</td><td><code>"
                    + Html.escape(c.victim()) + "</code></td><td><code>" + Html.escape(c.replacement()) + "</code></td>"
                    + "<td><span class=\"status " + c.verdict() + "\">" + c.verdict() + "</span></td><td>"
                    + Text.millis(c.timeToReplaceMs()) + "</td><td>" + Text.millis(c.timeToMatchMs()) + "</td><td>"
                    + Html.escape(c.reason()));
            driftTable(w, c.diff(), "Victim", "Replacement");
            w.write("</td></tr>\n");
        }
        w.write("</table>\n");
    }

    private static void rollouts(Writer w, Scorecard s) throws IOException {
        if (s.rollouts().isEmpty()) {
            return;
        }
        w.write("<h2>Rollouts</h2><table id=\"rollouts\"><tr><th>Group</th><th>Member</th><th>From</th><th>To</th></tr>\n");
        for (Rollout r : s.rollouts()) {
            w.write("<tr><td>" + Html.escape(r.group()) + "</td><td>" + Html.escape(r.member() == null ? "(whole group)" : r.member())
                    + "</td><td class=\"mono\">" + Html.escape(r.from()) + "</td><td class=\"mono\">" + Html.escape(r.to()) + "</td></tr>\n");
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
            w.write("<tr><td><code>" + Html.escape(m.id()) + "</code></td><td>" + Html.escape(m.group()) + "</td><td><span class=\"status "
                    + m.status() + "\">" + m.status() + "</span></td><td class=\"mono\">"
                    + Html.escape(m.fingerprint() == null ? "" : m.fingerprint().substring(0, Math.min(12, m.fingerprint().length())))
                    + "</td><td>" + Html.escape(m.note()) + "</td></tr>\n");
        }
        w.write("</table></details>\n");
    }
}
