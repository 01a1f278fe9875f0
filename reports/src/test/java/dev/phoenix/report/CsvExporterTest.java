package dev.phoenix.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Read back with Apache Commons CSV's strict RFC 4180 format. */
class CsvExporterTest {

    static String csv(Scorecard s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CsvExporter().write(s, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    static List<CSVRecord> parse(String csv) throws IOException {
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv)).getRecords();
    }

    @Test
    void everyFinding_isOneRecord_withEveryColumnAndCrlfLineEnds() throws IOException {
        Scorecard s = Scorecards.sample();
        String text = csv(s);
        assertThat(text).startsWith(String.join(",", CsvExporter.COLUMNS) + "\r\n").endsWith("\r\n");
        assertThat(parse(text).stream().map(CSVRecord::getCharacterPosition).toList()).allSatisfy(at ->
                assertThat(at == 0 || text.startsWith("\r\n", (int) (long) at - 2)).as("record at " + at + " follows CRLF").isTrue());
        List<CSVRecord> records = parse(text);
        assertThat(records).hasSize(s.findings().size()).allSatisfy(r -> {
            assertThat(r.size()).isEqualTo(CsvExporter.COLUMNS.size());
            assertThat(r.get("run_id")).isEqualTo(Scorecards.RUN);
        });
        assertThat(records).extracting(r -> r.get("kind")).containsAll(
                java.util.Arrays.stream(FindingKind.values()).map(Enum::name).toList());
        CSVRecord workers = record(records, "config.workers");
        assertThat(workers.get("member_id")).isEqualTo("h-1");
        assertThat(workers.get("member_name")).isEqualTo("db-primary " + Scorecards.BIDI);
        assertThat(workers.get("expected")).isEqualTo("4");
        assertThat(workers.get("waived")).isEqualTo("true");
        assertThat(workers.get("waiver_justification")).isEqualTo("capacity test, see CHG-42");
        assertThat(workers.get("waiver_by")).isEqualTo("alice");
        assertThat(workers.get("waiver_expires")).isEqualTo("2026-12-31");
        assertThat(workers.get("since_last_run")).isEqualTo("still open");
        CSVRecord expired = record(records, "files./etc/cron.d/x");
        assertThat(expired.get("waived")).isEqualTo("false");
        assertThat(expired.get("waiver_expired")).isEqualTo("true");
        assertThat(expired.get("actual")).isEqualTo("abc\u0001");
        assertThat(records.stream().filter(r -> r.get("member_id").equals("i-0abc")).findFirst().orElseThrow().get("member_name"))
                .isEqualTo("billing-api");
    }

    @Test
    void hostileValues_surviveQuotingAndFormulasAreNeutralised() throws IOException {
        List<CSVRecord> records = parse(csv(Scorecards.sample()));
        CSVRecord longKey = record(records, Scorecards.LONG_KEY);
        assertThat(longKey.get("expected")).isEqualTo("'" + Scorecards.FORMULA);
        assertThat(longKey.get("actual")).isEqualTo(Scorecards.SEPARATORS);
        CSVRecord motd = record(records, "exec.motd.stdout");
        assertThat(motd.get("expected")).isEqualTo("'-1");
        assertThat(motd.get("actual")).isEqualTo(Scorecards.ANSI);
        CSVRecord hostname = record(records, "sysctl.kernel.hostname");
        assertThat(hostname.get("expected")).isEqualTo("'+h");
        assertThat(hostname.get("actual")).isEqualTo("'@SUM(A1)");
        assertThat(records).anySatisfy(r -> assertThat(r.get("member_id")).isEqualTo("web-2" + Scorecards.SCRIPT));
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", quoteCharacter = '`', value = {
            "plain => plain",
            "a,b => `\"a,b\"`",
            "`say \"hi\"` => `\"say \"\"hi\"\"\"`",
            "=1+1 => '=1+1",
            "+1 => '+1",
            "-1 => '-1",
            "@SUM(A1) => '@SUM(A1)",
            "`=A1,\"x\"` => `\"'=A1,\"\"x\"\"\"`"})
    void field_quotesAndNeutralises(String value, String written) {
        assertThat(CsvExporter.field(value)).isEqualTo(written);
    }

    @Test
    void lineBreaksAndCarriageReturns_areQuoted_andTabOrCrFirstIsNeutralised() {
        assertThat(CsvExporter.field("a\nb")).isEqualTo("\"a\nb\"");
        assertThat(CsvExporter.field("a\rb")).isEqualTo("\"a\rb\"");
        assertThat(CsvExporter.field("\tx")).isEqualTo("'\tx");
        assertThat(CsvExporter.field("\rx")).isEqualTo("\"'\rx\"");
        assertThat(CsvExporter.field("")).isEmpty();
    }

    private static CSVRecord record(List<CSVRecord> records, String fact) {
        return records.stream().filter(r -> r.get("fact").equals(fact) && r.get("kind").equals("DRIFTED")).findFirst()
                .orElseThrow(() -> new AssertionError("no record of " + fact));
    }
}
