package dev.phoenix.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code prometheus}: the scorecard as Prometheus text, for a node exporter's textfile
 * collector or for {@code phoenix serve}'s {@code /metrics}. Member ids appear only as the
 * victims of chaos experiments (a handful per run), never as a label of every member.
 */
public final class PrometheusExporter implements Exporter {

    @Override
    public String name() {
        return "prometheus";
    }

    @Override
    public String fileName() {
        return "phoenix.prom";
    }

    @Override
    public void write(Scorecard scorecard, OutputStream out) throws IOException {
        PrometheusText text = new PrometheusText();
        append(scorecard, text);
        out.write(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Appends the gauges of one scorecard (the latest run) to {@code text}. */
    public static void append(Scorecard s, PrometheusText text) {
        append(s, null, text);
    }

    /**
     * Appends the gauges of the latest run, with its reproducibility and chaos series taken from
     * {@code lastChaos} (the newest run in which experiments ran) when the latest run ran none: an
     * audit-only run between two chaos runs keeps those series at their last value instead of
     * dropping them (alerts on reproducibility do not misfire). {@code phoenix_chaos_run_info} names
     * the run they come from.
     *
     * @param lastChaos the newest run with experiments that ran, or null
     */
    public static void append(Scorecard s, Scorecard lastChaos, PrometheusText text) {
        Scorecard chaosRun = s.score().reproducibility() != null || lastChaos == null ? s : lastChaos;
        text.family("phoenix_run_info", "gauge", "The latest run: its id and mode (value 1).")
                .sample("phoenix_run_info", labels("run_id", s.runId(), "mode", s.mode()), 1);
        text.family("phoenix_run_complete", "gauge", "1 when the latest run finished, 0 when it was cut short.")
                .sample("phoenix_run_complete", s.complete() ? 1 : 0);
        if (s.finishedAt() != null) {
            text.family("phoenix_run_finished_timestamp_seconds", "gauge", "When the latest run finished (Unix time).")
                    .sample("phoenix_run_finished_timestamp_seconds", s.finishedAt().toEpochMilli() / 1000.0);
            if (s.startedAt() != null) {
                text.family("phoenix_run_duration_seconds", "gauge", "How long the latest run took.")
                        .sample("phoenix_run_duration_seconds",
                                java.time.Duration.between(s.startedAt(), s.finishedAt()).toMillis() / 1000.0);
            }
        }
        text.family("phoenix_score", "gauge", "Scores of the latest run, 0-100 (reproducibility: of the newest run in which "
                + "experiments ran, absent when none did).");
        score(text, "phoenix_score", Map.of(), s.score(), chaosRun.score().reproducibility());
        text.family("phoenix_group_score", "gauge", "Overall score of each group in the latest run, 0-100.");
        for (GroupSummary g : s.groups()) {
            if (g.score() != null && g.score().overall() != null) {
                text.sample("phoenix_group_score", labels("group", g.name()), g.score().overall());
            }
        }
        text.family("phoenix_members", "gauge", "Members in the latest run by status.");
        Map<MemberStatus, Integer> statuses = new EnumMap<>(MemberStatus.class);
        int probeErrors = 0;
        for (MemberResult m : s.members()) {
            statuses.merge(m.status(), 1, Integer::sum);
            probeErrors += m.probeErrors().size();
        }
        for (MemberStatus status : MemberStatus.values()) {
            text.sample("phoenix_members", labels("status", status.name()), statuses.getOrDefault(status, 0));
        }
        text.family("phoenix_probe_errors", "gauge", "Failed probe calls in the latest run.")
                .sample("phoenix_probe_errors", probeErrors);
        text.family("phoenix_findings", "gauge", "Findings in the latest run (drifted, mutated, unreachable, failed experiments).")
                .sample("phoenix_findings", s.findingCount());
        text.family("phoenix_chaos_run_info", "gauge", "The run the chaos series come from: the latest, or the newest with experiments.")
                .sample("phoenix_chaos_run_info", labels("run_id", chaosRun.runId()), 1);
        text.family("phoenix_chaos_experiments", "gauge", "Chaos experiments by verdict, in the run of phoenix_chaos_run_info.");
        for (ChaosVerdict v : ChaosVerdict.values()) {
            text.sample("phoenix_chaos_experiments", labels("verdict", v.name()), chaosRun.count(v));
        }
        text.family("phoenix_chaos_time_to_replace_seconds", "gauge",
                "Time from the termination request until the replacement was in service, per experiment of the latest run.");
        for (ChaosResult c : chaosRun.chaos()) {
            if (c.timeToReplaceMs() != null) {
                text.sample("phoenix_chaos_time_to_replace_seconds", labels("group", c.group(), "victim", c.victim()),
                        c.timeToReplaceMs() / 1000.0);
            }
        }
    }

    private static void score(PrometheusText text, String name, Map<String, String> base, Score score, Integer reproducibility) {
        put(text, name, base, "overall", score.overall());
        put(text, name, base, "consistency", score.consistency());
        put(text, name, base, "reproducibility", reproducibility);
        put(text, name, base, "coverage", score.coverage());
    }

    private static void put(PrometheusText text, String name, Map<String, String> base, String kind, Integer value) {
        if (value != null) {
            Map<String, String> l = new LinkedHashMap<>(base);
            l.put("kind", kind);
            text.sample(name, l, value);
        }
    }

    private static Map<String, String> labels(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1] == null ? "" : kv[i + 1]);
        }
        return m;
    }
}
