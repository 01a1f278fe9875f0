package dev.phoenix.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.phoenix.json.Json;
import dev.phoenix.testing.PrometheusTextParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * For a scorecard with findings of every kind, each registered exporter's output is read back by
 * an independent tool: the scorecard and SARIF JSON schemas, an XML parser, a CSV parser, a
 * Prometheus text parser, a Markdown parser (the HTML is read by a real browser in {@link HtmlExporterTest}).
 */
class ExportersTest {

    /** What reads each format back; a new exporter without a reader fails {@link #everyRegisteredExporter_hasAReaderHere}. */
    private static final List<String> READ_BACK = List.of("json", "sarif", "junit", "csv", "prometheus", "markdown", "html");

    @TempDir
    Path dir;

    static byte[] export(String format, Scorecard s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Exporters.registry().get(format, "--format").write(s, out);
        return out.toByteArray();
    }

    @Test
    void theSample_hasEveryStatusVerdictAndKind_waivedExpiredAndUnusedWaivers_andAComparison() {
        Scorecard s = Scorecards.sample();
        assertThat(s.members()).extracting(MemberResult::status).contains(MemberStatus.values());
        assertThat(s.chaos()).extracting(ChaosResult::verdict).contains(ChaosVerdict.values());
        assertThat(s.findings()).extracting(Finding::kind).contains(FindingKind.values());
        assertThat(s.findings()).anySatisfy(f -> assertThat(f.waived()).isTrue());
        assertThat(s.findings()).anySatisfy(f -> assertThat(f.waiver() != null && f.waiver().expired()).isTrue());
        assertThat(s.unusedWaivers()).isNotEmpty();
        assertThat(s.comparison().newFindings()).isNotEmpty();
        assertThat(s.comparison().stillOpen()).isNotEmpty();
        assertThat(s.comparison().resolved()).isNotEmpty();
    }

    @Test
    void everyRegisteredExporter_hasAReaderHere() {
        assertThat(Exporters.registry().names()).containsExactlyInAnyOrderElementsOf(READ_BACK);
    }

    @Test
    void json_validatesAgainstTheScorecardSchema() throws IOException {
        try (InputStream in = ScorecardJson.class.getResourceAsStream("scorecard.schema.json")) {
            var schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
            assertThat(schema.validate(Json.mapper().readTree(export("json", Scorecards.sample())))).isEmpty();
        }
    }

    @Test
    void sarif_validatesAgainstTheOfficialSchema() throws IOException {
        SarifExporterTest.schema();
        assertThat(SarifExporterTest.validated(export("sarif", Scorecards.sample())).get("runs").get(0).get("results"))
                .hasSize(Scorecards.sample().findings().size());
    }

    @Test
    void junit_parsesAsXml() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(export("junit", Scorecards.sample()));
        var doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(out.toByteArray()));
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("testsuites");
    }

    @Test
    void csv_parsesAsRfc4180_oneRecordPerFinding() throws IOException {
        assertThat(CsvExporterTest.parse(new String(export("csv", Scorecards.sample()), StandardCharsets.UTF_8)))
                .hasSize(Scorecards.sample().findings().size());
    }

    @Test
    void prometheus_parsesAsStrictPrometheusText_withNoMemberNameAsALabel() throws IOException {
        var exposition = PrometheusTextParser.parse(new String(export("prometheus", Scorecards.sample()), StandardCharsets.UTF_8));
        assertThat(exposition.value("phoenix_score", Map.of("kind", "overall"))).isEqualTo(71);
        assertThat(exposition.value("phoenix_members", Map.of("status", "MISSING"))).isEqualTo(1);
        assertThat(exposition.value("phoenix_chaos_experiments", Map.of("verdict", "NONDETERMINISTIC"))).isEqualTo(1);
        assertThat(exposition.samples()).allSatisfy(sample -> assertThat(sample.labels().values())
                .doesNotContain("db-primary " + Scorecards.BIDI, "billing-api", "web-frontend-1"));
    }

    @Test
    void markdown_parsesIntoTables() throws IOException {
        var tables = MarkdownExporterTest.tables(MarkdownExporterTest.parse(export("markdown", Scorecards.sample())));
        assertThat(tables).hasSizeGreaterThanOrEqualTo(5);
    }

    /** Names people use stand next to ids in every format but Prometheus, whose labels stay few. */
    @ParameterizedTest
    @ValueSource(strings = {"json", "sarif", "junit", "csv", "markdown", "html"})
    void everyFormat_namesMembersByNameAndId(String format) throws IOException {
        String text = new String(export(format, Scorecards.sample()), StandardCharsets.UTF_8);
        assertThat(text).contains("billing-api", "i-0abc", "db-replica", "h-2", "old-box", "h-4");
    }

    @Test
    void reportFiles_writeEveryFormat_underItsFileName() throws IOException {
        List<Path> written = ReportFiles.export(Scorecards.sample(), dir, READ_BACK);
        assertThat(written.stream().map(p -> p.getFileName().toString()).collect(Collectors.toList())).containsExactly(
                "scorecard.json", "phoenix.sarif", "junit.xml", "findings.csv", "phoenix.prom", "phoenix.md", "scorecard.html");
        assertThat(written).allSatisfy(p -> assertThat(Files.size(p)).isPositive());
        assertThat(Arrays.stream(FindingKind.values()).map(FindingKind::ruleId)).allSatisfy(rule ->
                assertThat(Files.readString(dir.resolve("phoenix.sarif"))).contains(rule));
    }
}
