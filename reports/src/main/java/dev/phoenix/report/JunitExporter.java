package dev.phoenix.report;

import dev.phoenix.model.Drift;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code junit}: JUnit XML ({@code junit.xml}) for CI systems. One test suite per group with one
 * test case per member, and a {@code chaos} suite with one case per experiment; findings are
 * failures, skipped experiments are skipped.
 */
public final class JunitExporter implements Exporter {

    @Override
    public String name() {
        return "junit";
    }

    @Override
    public String fileName() {
        return "junit.xml";
    }

    @Override
    public void write(Scorecard s, OutputStream out) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        Map<String, List<MemberResult>> byGroup = s.members().stream()
                .collect(Collectors.groupingBy(MemberResult::group, LinkedHashMap::new, Collectors.toList()));
        long failures = s.findingCount();
        int tests = s.members().size() + s.chaos().size();
        w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        w.write("<testsuites name=\"phoenix\" tests=\"" + tests + "\" failures=\"" + failures + "\">\n");
        for (Map.Entry<String, List<MemberResult>> e : byGroup.entrySet()) {
            List<MemberResult> members = e.getValue();
            long groupFailures = members.stream().filter(m -> m.status().finding()).count();
            w.write("  <testsuite name=\"" + Html.escape(e.getKey()) + "\" tests=\"" + members.size() + "\" failures=\""
                    + groupFailures + "\" errors=\"0\" skipped=\"0\" timestamp=\"" + Html.escape(s.startedAt()) + "\">\n");
            for (MemberResult m : members) {
                w.write("    <testcase classname=\"phoenix." + Html.escape(m.group()) + "\" name=\"" + Html.escape(m.id()) + "\">");
                if (m.status().finding()) {
                    w.write("\n      <failure type=\"" + m.status() + "\" message=\"" + Html.escape(message(m)) + "\">"
                            + Html.escape(details(m)) + "</failure>\n    ");
                }
                w.write("</testcase>\n");
            }
            w.write("  </testsuite>\n");
        }
        for (GroupSummary g : s.groups()) {
            if (g.error() != null) {
                w.write("  <testsuite name=\"" + Html.escape(g.name()) + "\" tests=\"1\" failures=\"0\" errors=\"1\">\n"
                        + "    <testcase classname=\"phoenix." + Html.escape(g.name()) + "\" name=\"discovery\"><error message=\""
                        + Html.escape(g.error()) + "\"/></testcase>\n  </testsuite>\n");
            }
        }
        if (!s.chaos().isEmpty()) {
            long chaosFailures = s.chaos().stream().filter(c -> c.verdict().finding()).count();
            long skipped = s.count(ChaosVerdict.SKIPPED);
            w.write("  <testsuite name=\"chaos\" tests=\"" + s.chaos().size() + "\" failures=\"" + chaosFailures
                    + "\" errors=\"0\" skipped=\"" + skipped + "\">\n");
            for (ChaosResult c : s.chaos()) {
                String time = c.timeToReplaceMs() == null ? "" : " time=\"" + (c.timeToReplaceMs() / 1000.0) + "\"";
                w.write("    <testcase classname=\"phoenix.chaos." + Html.escape(c.group()) + "\" name=\"replace "
                        + Html.escape(c.victim()) + "\"" + time + ">");
                if (c.verdict() == ChaosVerdict.SKIPPED) {
                    w.write("<skipped message=\"" + Html.escape(c.reason()) + "\"/>");
                } else if (c.verdict().finding()) {
                    w.write("\n      <failure type=\"" + c.verdict() + "\" message=\"" + Html.escape(c.verdict() + ": "
                            + (c.reason() == null ? "" : c.reason())) + "\">" + Html.escape(lines(c.diff())) + "</failure>\n    ");
                }
                w.write("</testcase>\n");
            }
            w.write("  </testsuite>\n");
        }
        w.write("</testsuites>\n");
        w.flush();
    }

    private static String message(MemberResult m) {
        return switch (m.status()) {
            case DRIFTED -> m.drift().size() + " facts drifted from the baseline";
            case MUTATED -> "changed in place: " + m.drift().size() + " facts differ from the group's golden fingerprint";
            default -> "unreachable: " + m.probeErrors().stream().map(e -> e.probe() + ": " + e.cause())
                    .collect(Collectors.joining("; "));
        };
    }

    private static String details(MemberResult m) {
        return lines(m.drift()) + m.probeErrors().stream().map(e -> e.probe() + ": " + e.cause() + "\n")
                .collect(Collectors.joining());
    }

    private static String lines(List<Drift> drift) {
        StringBuilder sb = new StringBuilder();
        for (Drift d : drift) {
            sb.append(d.change()).append(' ').append(d.fact()).append(": expected ").append(d.expected())
                    .append(", actual ").append(d.actual()).append('\n');
        }
        return sb.toString();
    }
}
