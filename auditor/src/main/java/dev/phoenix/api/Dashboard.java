package dev.phoenix.api;

import static dev.phoenix.report.Html.escape;

import dev.phoenix.report.ChaosResult;
import dev.phoenix.report.ChaosVerdict;
import dev.phoenix.report.MemberStatus;
import dev.phoenix.schedule.RunCoordinator;
import dev.phoenix.schedule.RunKind;
import dev.phoenix.history.RunSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard at {@code /}: one self-contained page (inline CSS, an inline SVG chart, no
 * script) with the latest score, the score's trend over recent runs, the members that need a
 * look and the chaos history. Every value from a member or a store is escaped.
 */
final class Dashboard {

    /** Runs shown in the trend chart. */
    static final int TREND_RUNS = 30;
    private static final int CHAOS_ROWS = 30;

    /**
     * @param runs        recent runs, newest first
     * @param active      runs in progress
     * @param killSwitch  why the kill switch is engaged, or empty
     * @param next        next fire time per scheduled kind
     */
    record View(List<RunSummary> runs, List<RunCoordinator.ActiveRun> active, Optional<String> killSwitch,
                Map<RunKind, Optional<Instant>> next, Map<RunKind, String> schedules, String store, boolean unleashed,
                Instant now) {
    }

    private Dashboard() {
    }

    static String render(View v) {
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Phoenix</title><style>").append(CSS).append("</style></head><body>");
        h.append("<header><h1>Phoenix</h1><span class=\"muted\">consistency auditor · store ").append(escape(v.store()))
                .append(" · chaos ").append(v.unleashed() ? "unleashed" : "leashed (dry run)").append("</span></header>");
        status(h, v);
        Optional<RunSummary> latest = v.runs().stream().findFirst();
        h.append("<section class=\"cards\">");
        if (latest.isPresent()) {
            RunSummary r = latest.get();
            Integer overall = r.score().overall();
            h.append("<div class=\"card score grade-").append(escape(r.score().grade())).append("\"><div class=\"label\">latest score</div>")
                    .append("<div id=\"latest-score\" class=\"big\">").append(overall == null ? "n/a" : overall).append("</div>")
                    .append("<div>grade ").append(escape(r.score().grade())).append(r.complete() ? "" : " · <b>incomplete run</b>")
                    .append("</div><div class=\"muted\">run ").append(escape(r.runId())).append("</div></div>");
            card(h, "consistency", r.score().consistency());
            card(h, "reproducibility", r.score().reproducibility());
            card(h, "coverage", r.score().coverage());
            h.append("<div class=\"card\"><div class=\"label\">members</div><div class=\"big\">").append(r.members()).append("</div><div>");
            for (MemberStatus s : MemberStatus.values()) {
                int n = r.statuses().getOrDefault(s, 0);
                if (n > 0) {
                    h.append("<span class=\"pill ").append(s.name().toLowerCase(Locale.ROOT)).append("\">").append(s).append(' ')
                            .append(n).append("</span> ");
                }
            }
            h.append("</div></div>");
        } else {
            h.append("<div class=\"card\"><div class=\"label\">latest score</div><div id=\"latest-score\" class=\"big\">–</div>")
                    .append("<div>no run yet</div></div>");
        }
        h.append("</section>");
        trend(h, v.runs());
        attention(h, latest);
        chaos(h, v.runs());
        runs(h, v.runs());
        h.append("<footer class=\"muted\">rendered ").append(escape(v.now())).append(" · JSON at <code>/api/runs</code>, ")
                .append("metrics at <code>/metrics</code></footer></body></html>");
        return h.toString();
    }

    private static void status(StringBuilder h, View v) {
        h.append("<section class=\"status\">");
        if (v.killSwitch().isPresent()) {
            h.append("<div id=\"kill-switch\" class=\"alert\">Kill switch engaged: ").append(escape(v.killSwitch().get()))
                    .append(". No member will be terminated.</div>");
        }
        for (RunCoordinator.ActiveRun a : v.active()) {
            h.append("<div class=\"running\">").append(a.startedAt() == null ? "Waiting: " : "Running: ").append(escape(a.kind().label()))
                    .append(" run ").append(escape(a.runId())).append(" (").append(escape(a.trigger())).append(")</div>");
        }
        h.append("<div class=\"muted\">");
        for (RunKind kind : RunKind.values()) {
            String schedule = v.schedules().get(kind);
            h.append(escape(kind.label())).append(": ");
            if (schedule == null) {
                h.append("not scheduled (POST /api/runs").append(kind == RunKind.CHAOS ? "?chaos=true" : "").append(")");
            } else {
                h.append(escape(schedule)).append(", next ").append(escape(v.next().getOrDefault(kind, Optional.empty())
                        .map(Instant::toString).orElse("never")));
            }
            h.append(kind == RunKind.AUDIT ? " · " : "");
        }
        h.append("</div></section>");
    }

    private static void card(StringBuilder h, String label, Integer value) {
        h.append("<div class=\"card\"><div class=\"label\">").append(label).append("</div><div class=\"big\">")
                .append(value == null ? "n/a" : value).append("</div></div>");
    }

    /** The overall score of the recent runs, oldest on the left. */
    private static void trend(StringBuilder h, List<RunSummary> newestFirst) {
        List<RunSummary> runs = new ArrayList<>();
        for (RunSummary r : newestFirst.subList(0, Math.min(TREND_RUNS, newestFirst.size()))) {
            if (r.score().overall() != null) {
                runs.add(0, r);
            }
        }
        int w = 760;
        int ht = 220;
        int left = 40;
        int right = 16;
        int top = 12;
        int bottom = 28;
        h.append("<section><h2>Score trend</h2>");
        h.append("<svg id=\"trend\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(w).append(' ').append(ht)
                .append("\" width=\"").append(w).append("\" height=\"").append(ht).append("\" role=\"img\" aria-label=\"overall score of the last ")
                .append(runs.size()).append(" runs\">");
        for (int score = 0; score <= 100; score += 25) {
            double y = top + (ht - top - bottom) * (100 - score) / 100.0;
            h.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>", left, y, w - right, y))
                    .append(String.format(Locale.ROOT, "<text class=\"axis\" x=\"%d\" y=\"%.1f\">%d</text>", left - 8, y + 4, score));
        }
        if (runs.isEmpty()) {
            h.append("<text class=\"axis\" x=\"").append(w / 2).append("\" y=\"").append(ht / 2).append("\">no runs yet</text>");
        } else {
            StringBuilder points = new StringBuilder();
            StringBuilder dots = new StringBuilder();
            for (int i = 0; i < runs.size(); i++) {
                RunSummary r = runs.get(i);
                double x = runs.size() == 1 ? (left + w - right) / 2.0 : left + (w - left - right) * i / (double) (runs.size() - 1);
                double y = top + (ht - top - bottom) * (100 - r.score().overall()) / 100.0;
                points.append(String.format(Locale.ROOT, "%s%.1f,%.1f", i == 0 ? "" : " ", x, y));
                dots.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" class=\"dot%s\"><title>", x, y,
                                r.complete() ? "" : " incomplete"))
                        .append(escape(r.runId())).append(": ").append(r.score().overall()).append(" (").append(escape(r.score().grade()))
                        .append(")</title></circle>");
            }
            h.append("<polyline id=\"trend-line\" class=\"line\" points=\"").append(points).append("\"/>").append(dots);
            h.append("<text class=\"axis start\" x=\"").append(left).append("\" y=\"").append(ht - 8).append("\">")
                    .append(escape(seconds(runs.get(0).startedAt()))).append("</text>");
            h.append("<text class=\"axis\" x=\"").append(w - right).append("\" y=\"").append(ht - 8).append("\">")
                    .append(escape(seconds(runs.get(runs.size() - 1).startedAt()))).append("</text>");
        }
        h.append("</svg></section>");
    }

    private static String seconds(Instant t) {
        return t == null ? "" : t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    private static void attention(StringBuilder h, Optional<RunSummary> latest) {
        h.append("<section><h2>Drifted and mutated members</h2>");
        List<RunSummary.Attention> rows = latest.map(RunSummary::attention).orElse(List.of());
        if (rows.isEmpty()) {
            h.append("<p class=\"muted\">").append(latest.isPresent() ? "None in the latest run." : "No run yet.").append("</p></section>");
            return;
        }
        h.append("<table id=\"attention\"><thead><tr><th>member</th><th>group</th><th>status</th><th>facts</th><th>note</th></tr></thead><tbody>");
        for (RunSummary.Attention a : rows) {
            h.append("<tr><td><code>").append(escape(a.id())).append("</code></td><td>").append(escape(a.group())).append("</td><td><span class=\"pill ")
                    .append(a.status().name().toLowerCase(Locale.ROOT)).append("\">").append(a.status()).append("</span></td><td>")
                    .append(a.facts()).append("</td><td>").append(escape(a.note())).append("</td></tr>");
        }
        h.append("</tbody></table>");
        if (rows.size() >= RunSummary.MAX_ATTENTION) {
            h.append("<p class=\"muted\">Only the first ").append(RunSummary.MAX_ATTENTION).append(" are listed; see the scorecard.</p>");
        }
        h.append("</section>");
    }

    private static void chaos(StringBuilder h, List<RunSummary> runs) {
        h.append("<section><h2>Chaos history</h2>");
        int rows = 0;
        StringBuilder body = new StringBuilder();
        for (RunSummary r : runs) {
            for (ChaosResult c : r.chaos()) {
                if (rows++ >= CHAOS_ROWS) {
                    break;
                }
                body.append("<tr><td>").append(escape(seconds(r.startedAt()))).append("</td><td>").append(escape(c.group())).append("</td><td><code>")
                        .append(escape(c.victim())).append("</code>").append(c.replacement() == null ? "" : " → <code>" + escape(c.replacement()) + "</code>")
                        .append("</td><td><span class=\"pill v-").append(c.verdict().name().toLowerCase(Locale.ROOT)).append("\">")
                        .append(c.verdict()).append("</span></td><td>")
                        .append(c.timeToReplaceMs() == null ? "" : escape(String.format(Locale.ROOT, "%.1f s", c.timeToReplaceMs() / 1000.0)))
                        .append("</td><td>").append(escape(c.reason())).append("</td></tr>");
            }
        }
        if (rows == 0) {
            h.append("<p class=\"muted\">No chaos experiment yet.</p></section>");
            return;
        }
        h.append("<table id=\"chaos\"><thead><tr><th>run started</th><th>group</th><th>victim</th><th>verdict</th><th>replaced in</th>")
                .append("<th>reason</th></tr></thead><tbody>").append(body).append("</tbody></table></section>");
    }

    private static void runs(StringBuilder h, List<RunSummary> runs) {
        h.append("<section><h2>Recent runs</h2>");
        if (runs.isEmpty()) {
            h.append("<p class=\"muted\">No run yet.</p></section>");
            return;
        }
        h.append("<table id=\"runs\"><thead><tr><th>run</th><th>started</th><th>mode</th><th>score</th><th>findings</th>")
                .append("<th>experiments</th><th>duration</th></tr></thead><tbody>");
        for (RunSummary r : runs.subList(0, Math.min(TREND_RUNS, runs.size()))) {
            long reproduced = r.chaos().stream().filter(c -> c.verdict() == ChaosVerdict.REPRODUCED).count();
            long ran = r.chaos().stream().filter(c -> c.verdict() != ChaosVerdict.SKIPPED).count();
            h.append("<tr><td><a href=\"/runs/").append(escape(r.runId())).append("/report.html\"><code>").append(escape(r.runId()))
                    .append("</code></a> <a class=\"muted\" href=\"/api/runs/").append(escape(r.runId())).append("\">json</a>")
                    .append(r.complete() ? "" : " <span class=\"pill unreachable\">incomplete</span>").append("</td><td>")
                    .append(escape(seconds(r.startedAt()))).append("</td><td>").append(escape(r.mode())).append("</td><td>")
                    .append(r.score().overall() == null ? "n/a" : r.score().overall()).append(" (").append(escape(r.score().grade()))
                    .append(")</td><td>").append(r.findings()).append("</td><td>").append(ran).append(" run, ").append(reproduced)
                    .append(" reproduced</td><td>").append(r.durationMs() == null ? "" : String.format(Locale.ROOT, "%.1f s", r.durationMs() / 1000.0))
                    .append("</td></tr>");
        }
        h.append("</tbody></table></section>");
    }

    private static final String CSS = """
            body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:0;padding:0 24px 24px;color:#1d2430;background:#f6f7f9}
            header{display:flex;align-items:baseline;gap:16px;padding:16px 0 8px}h1{margin:0;font-size:22px}
            h2{font-size:16px;margin:24px 0 8px}.muted{color:#6b7280}code{font:12px ui-monospace,monospace}
            .cards{display:flex;flex-wrap:wrap;gap:12px}.card{background:#fff;border:1px solid #e3e6ea;border-radius:8px;padding:12px 16px;min-width:140px}
            .label{color:#6b7280;font-size:12px;text-transform:uppercase;letter-spacing:.04em}.big{font-size:32px;font-weight:600}
            .score.grade-A .big{color:#15803d}.score.grade-B .big{color:#4d7c0f}.score.grade-C .big{color:#b45309}
            .score.grade-D .big,.score.grade-F .big{color:#b91c1c}
            table{border-collapse:collapse;background:#fff;width:100%;border:1px solid #e3e6ea}
            th,td{text-align:left;padding:6px 10px;border-bottom:1px solid #eef0f3;vertical-align:top}th{font-size:12px;color:#6b7280}
            .pill{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;background:#e5e7eb}
            .consistent,.baselined,.v-reproduced{background:#dcfce7}.drifted,.v-skipped{background:#fef3c7}
            .mutated,.unreachable,.v-diverged,.v-replacement_failed,.v-timed_out{background:#fee2e2}
            .alert{background:#fee2e2;border:1px solid #fca5a5;padding:8px 12px;border-radius:6px;margin:8px 0;font-weight:600}
            .running{background:#e0f2fe;padding:6px 12px;border-radius:6px;margin:8px 0}
            svg{background:#fff;border:1px solid #e3e6ea;border-radius:8px}.grid{stroke:#eef0f3}.axis{fill:#6b7280;font-size:11px;text-anchor:end}
            .axis.start{text-anchor:start}.line{fill:none;stroke:#2563eb;stroke-width:2}.dot{fill:#2563eb}.dot.incomplete{fill:#f59e0b}
            footer{margin-top:24px}
            """;
}
