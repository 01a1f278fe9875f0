package dev.phoenix.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code csv}: one row per finding ({@code findings.csv}, UTF-8, RFC 4180: a header row, CRLF line
 * ends, fields with a comma, quote, CR or LF quoted, quotes doubled), most severe first, for
 * spreadsheets and scripts.
 *
 * <p>A value that begins with {@code = + - @}, a tab or a carriage return would be a formula to a
 * spreadsheet (CSV injection): it is written with a single quote in front ({@code '=1+1}), which
 * spreadsheets show as text. Scripts reading the file should strip a leading quote before such a
 * character; every other value is as the scorecard has it.
 *
 * <pre>{@code
 * new CsvExporter().write(scorecard, out);   // run_id,group,member_id,member_name,...
 * }</pre>
 */
public final class CsvExporter implements Exporter {

    static final List<String> COLUMNS = List.of("run_id", "group", "member_id", "member_name", "account", "region", "kind", "fact",
            "expected", "actual", "change", "severity", "waived", "waiver_justification", "waiver_by", "waiver_expires", "waiver_expired",
            "since_last_run", "finding_id", "message");

    @Override
    public String name() {
        return "csv";
    }

    @Override
    public String fileName() {
        return "findings.csv";
    }

    @Override
    public void write(Scorecard s, OutputStream out) throws IOException {
        ReportView view = ReportView.of(s);
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        row(w, COLUMNS);
        for (Finding f : view.findings()) {
            Finding.Waiver waiver = f.waiver();
            ReportView.Since since = view.since(f);
            row(w, List.of(s.runId(), f.group(), str(f.member()), f.member() == null ? "" : view.name(f), str(f.account()), str(f.region()),
                    f.kind().name(), str(f.fact()), str(f.expected()), str(f.actual()), str(f.change()), f.severity().name(),
                    String.valueOf(f.waived()), waiver == null ? "" : str(waiver.justification()), waiver == null ? "" : str(waiver.by()),
                    waiver == null ? "" : str(waiver.expires()), waiver == null ? "" : String.valueOf(waiver.expired()),
                    since == null ? "" : since.label(), f.id(), f.message()));
        }
        w.flush();
    }

    private static void row(Writer w, List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                w.write(',');
            }
            w.write(field(fields.get(i)));
        }
        w.write("\r\n");
    }

    /** One field: formula-neutralised, then quoted when RFC 4180 needs it. */
    static String field(String value) {
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        boolean quote = v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\r') >= 0 || v.indexOf('\n') >= 0;
        return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }

    private static String str(Object value) {
        return value == null ? "" : value.toString();
    }
}
