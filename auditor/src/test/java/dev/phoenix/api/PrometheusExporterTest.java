package dev.phoenix.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.phoenix.report.PrometheusExporter;
import dev.phoenix.report.PrometheusText;
import dev.phoenix.history.Scorecards;
import dev.phoenix.testing.PrometheusTextParser;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusExporterTest {

    @Test
    void scorecard_isStrictPrometheusTextWithEscapedLabels() {
        PrometheusText text = new PrometheusText();
        PrometheusExporter.append(Scorecards.at(Instant.parse("2026-03-01T10:00:00Z"), "x", 91), text);
        PrometheusTextParser.Exposition e = PrometheusTextParser.parse(text.toString());
        assertThat(e.value("phoenix_score", Map.of("kind", "overall"))).isEqualTo(91);
        assertThat(e.value("phoenix_members", Map.of("status", "DRIFTED"))).isEqualTo(1);
        assertThat(e.value("phoenix_chaos_experiments", Map.of("verdict", "REPRODUCED"))).isEqualTo(1);
        assertThat(e.value("phoenix_chaos_time_to_replace_seconds", Map.of("group", "web", "victim", "web-2"))).isEqualTo(1.2);
        assertThat(e.types()).containsEntry("phoenix_members", "gauge");
    }

    @Test
    void anAuditOnlyRun_keepsTheReproducibilityAndChaosSeriesOfTheLastChaosRun() {
        var chaos = Scorecards.at(Instant.parse("2026-03-01T10:00:00Z"), "chaos-run", 91);
        var audit = Scorecards.at(Instant.parse("2026-03-01T11:00:00Z"), "audit-run", 95);
        audit = new dev.phoenix.report.Scorecard(audit.schemaVersion(), audit.runId(), audit.startedAt(), audit.finishedAt(), audit.mode(),
                new dev.phoenix.report.Score(95, 95, null, 100, "A"), audit.groups(), audit.members(), java.util.List.of(), audit.rollouts(),
                true, null);
        PrometheusText text = new PrometheusText();
        PrometheusExporter.append(audit, chaos, text);
        PrometheusTextParser.Exposition e = PrometheusTextParser.parse(text.toString());
        assertThat(e.value("phoenix_score", Map.of("kind", "overall"))).isEqualTo(95);
        assertThat(e.value("phoenix_score", Map.of("kind", "reproducibility"))).isEqualTo(100);
        assertThat(e.value("phoenix_chaos_experiments", Map.of("verdict", "REPRODUCED"))).isEqualTo(1);
        assertThat(e.value("phoenix_chaos_run_info", Map.of("run_id", chaos.runId()))).isEqualTo(1);

        PrometheusText alone = new PrometheusText();
        PrometheusExporter.append(audit, null, alone);
        assertThat(alone.toString()).doesNotContain("kind=\"reproducibility\"");
    }

    @Test
    void labelValuesWithQuotesAndNewlines_areEscaped() {
        PrometheusText text = new PrometheusText();
        text.family("x", "gauge", "test").sample("x", Map.of("v", "a\"b\\c\nd"), 0.25);
        assertThat(text.toString()).contains("x{v=\"a\\\"b\\\\c\\nd\"} 0.25");
        assertThat(PrometheusTextParser.parse(text.toString()).value("x", Map.of("v", "a\"b\\c\nd"))).isEqualTo(0.25);
    }

    @Test
    void parser_rejectsWhatPrometheusWouldReject() {
        assertThatThrownBy(() -> PrometheusTextParser.parse("x 1\n")).hasMessageContaining("before its TYPE");
        assertThatThrownBy(() -> PrometheusTextParser.parse("# TYPE x gauge\nx{a=\"1\"} 1\nx{a=\"1\"} 2\n"))
                .hasMessageContaining("duplicate series");
        assertThatThrownBy(() -> PrometheusTextParser.parse("# TYPE x gauge\nx{a=1} 1\n")).hasMessageContaining("quoted");
        assertThatThrownBy(() -> PrometheusTextParser.parse("# TYPE x gauge\n# TYPE y gauge\ny 1\nx 1\n"))
                .hasMessageContaining("not contiguous");
    }
}
