package dev.phoenix.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code junit}: JUnit XML ({@code junit.xml}) for CI systems. One test suite per group with one
 * test case per member, named by the member's name and id, and a case per group-wide finding
 * (discovery, size); a {@code chaos} suite with one case per experiment. A case with a finding
 * that is not waived fails (its type the most severe finding's kind, every finding in its body); a
 * case whose findings are all waived is skipped with the waivers' justification, as is an
 * experiment a guard stopped. Every suite carries the run's scores as properties, a group's suite
 * its own score too.
 *
 * <pre>{@code
 * new JunitExporter().write(scorecard, out);   // <testsuites name="phoenix" tests="15" failures="8" ...>
 * }</pre>
 */
public final class JunitExporter implements Exporter {

    private static final Set<FindingKind> CHAOS = EnumSet.of(FindingKind.DIVERGED, FindingKind.NONDETERMINISTIC,
            FindingKind.REPLACEMENT_FAILED, FindingKind.TIMED_OUT, FindingKind.OBJECTIVE_MISSED);
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    /** One test case: its name, what failed it (or was waived) and, for a guard's skip, why. */
    private record Case(String classname, String name, List<Finding> findings, String error, String skipped, Long timeMs) {
        boolean failed() {
            return error == null && findings.stream().anyMatch(f -> !f.waived());
        }

        boolean isSkipped() {
            return error == null && !failed() && (skipped != null || !findings.isEmpty());
        }
    }

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
        ReportView view = ReportView.of(s);
        Map<String, List<Case>> suites = new LinkedHashMap<>();
        Map<String, GroupSummary> summaries = new LinkedHashMap<>();
        Set<String> groups = new LinkedHashSet<>();
        s.groups().forEach(g -> {
            groups.add(g.name());
            summaries.put(g.name(), g);
        });
        s.members().forEach(m -> groups.add(m.group()));
        for (String group : groups) {
            suites.put(group, groupCases(view, group, summaries.get(group)));
        }
        List<Case> chaos = chaosCases(view);

        List<Case> all = new ArrayList<>();
        suites.values().forEach(all::addAll);
        all.addAll(chaos);
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        w.write("<testsuites name=\"phoenix\"" + counts(all) + ">\n");
        for (Map.Entry<String, List<Case>> e : suites.entrySet()) {
            suite(w, s, e.getKey(), summaries.get(e.getKey()), e.getValue());
        }
        if (!chaos.isEmpty()) {
            suite(w, s, "chaos", null, chaos);
        }
        w.write("</testsuites>\n");
        w.flush();
    }

    private static List<Case> groupCases(ReportView view, String group, GroupSummary summary) {
        List<Case> cases = new ArrayList<>();
        String classname = "phoenix." + group;
        if (summary != null && summary.error() != null) {
            cases.add(new Case(classname, "discovery", List.of(), summary.error(), null, null));
        }
        Map<FindingKind, List<Finding>> groupWide = view.findings().stream()
                .filter(f -> f.group().equals(group) && f.member() == null && f.kind() != FindingKind.UNDISCOVERED && !CHAOS.contains(f.kind()))
                .collect(Collectors.groupingBy(Finding::kind, LinkedHashMap::new, Collectors.toList()));
        groupWide.forEach((kind, findings) -> cases.add(new Case(classname, kind == FindingKind.UNDERSIZED ? "size" : kind.ruleId(),
                findings, null, null, null)));
        for (MemberResult m : view.scorecard().members()) {
            if (m.group().equals(group)) {
                List<Finding> findings = view.findings().stream()
                        .filter(f -> f.group().equals(group) && m.id().equals(f.member()) && !CHAOS.contains(f.kind())).toList();
                cases.add(new Case(classname, view.who(m.id()), findings, null, null, null));
            }
        }
        return cases;
    }

    private static List<Case> chaosCases(ReportView view) {
        List<Case> cases = new ArrayList<>();
        for (ChaosResult c : view.scorecard().chaos()) {
            List<Finding> findings = view.findings().stream()
                    .filter(f -> CHAOS.contains(f.kind()) && f.group().equals(c.group()) && java.util.Objects.equals(f.member(), c.victim()))
                    .toList();
            String skipped = c.verdict() == ChaosVerdict.SKIPPED ? (c.reason() == null ? "skipped by " + c.guard() : c.reason()) : null;
            cases.add(new Case("phoenix.chaos." + c.group(), "replace " + (c.victim() == null ? "(none)" : view.who(c.victim()))
                    + " (" + c.verdict() + ")", findings, null, skipped, c.timeToReplaceMs()));
        }
        return cases;
    }

    private static void suite(Writer w, Scorecard s, String name, GroupSummary group, List<Case> cases) throws IOException {
        w.write("  <testsuite name=\"" + Html.escape(name) + "\"" + counts(cases)
                + (s.startedAt() == null ? "" : " timestamp=\"" + TIMESTAMP.format(s.startedAt().truncatedTo(ChronoUnit.SECONDS)) + "\"")
                + ">\n    <properties>\n");
        property(w, "phoenix.run", s.runId());
        property(w, "phoenix.mode", s.mode());
        scores(w, "phoenix.score.", s.score());
        if (group != null && group.score() != null) {
            scores(w, "phoenix.group.score.", group.score());
        }
        w.write("    </properties>\n");
        for (Case c : cases) {
            testcase(w, c);
        }
        w.write("  </testsuite>\n");
    }

    private static void testcase(Writer w, Case c) throws IOException {
        String time = c.timeMs() == null ? "" : " time=\"" + (c.timeMs() / 1000.0) + "\"";
        w.write("    <testcase classname=\"" + Html.escape(c.classname()) + "\" name=\"" + Html.escape(c.name()) + "\"" + time + ">");
        if (c.error() != null) {
            w.write("<error type=\"UNDISCOVERED\" message=\"" + Html.escape(c.error()) + "\"/>");
        } else if (c.failed()) {
            List<Finding> open = c.findings().stream().filter(f -> !f.waived()).toList();
            long waived = c.findings().size() - open.size();
            String message = (open.size() == 1 ? open.get(0).message()
                    : ReportView.counts(ReportView.byKind(open), FindingKind::name) + " findings") + (waived == 0 ? "" : " (and " + waived + " waived)");
            w.write("\n      <failure type=\"" + open.get(0).kind() + "\" message=\"" + Html.escape(message) + "\">"
                    + Html.escape(details(c.findings())) + "</failure>\n    ");
        } else if (c.isSkipped()) {
            String why = c.skipped() != null ? c.skipped()
                    : c.findings().stream().map(f -> ReportView.waiver(f.waiver())).distinct().collect(Collectors.joining("; "));
            w.write("<skipped message=\"" + Html.escape(why) + "\"/>");
        }
        w.write("</testcase>\n");
    }

    /** One line per finding: {@code MEDIUM DRIFTED config.workers: expected 4, actual 8 (CHANGED)}, and its waiver. */
    private static String details(List<Finding> findings) {
        StringBuilder b = new StringBuilder();
        for (Finding f : findings) {
            b.append(f.severity()).append(' ').append(f.kind()).append(' ');
            if (f.fact() != null) {
                b.append(f.fact()).append(": expected ").append(ReportView.value(f.expected())).append(", actual ")
                        .append(ReportView.value(f.actual())).append(f.change() == null ? "" : " (" + f.change() + ")");
            } else {
                b.append(f.message());
            }
            if (f.waiver() != null) {
                b.append(" [").append(ReportView.waiver(f.waiver())).append(']');
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static String counts(List<Case> cases) {
        return " tests=\"" + cases.size() + "\" failures=\"" + cases.stream().filter(Case::failed).count() + "\" errors=\""
                + cases.stream().filter(c -> c.error() != null).count() + "\" skipped=\"" + cases.stream().filter(Case::isSkipped).count() + "\"";
    }

    private static void scores(Writer w, String prefix, Score score) throws IOException {
        property(w, prefix + "overall", Text.score(score.overall()));
        property(w, prefix + "consistency", Text.score(score.consistency()));
        property(w, prefix + "reproducibility", Text.score(score.reproducibility()));
        property(w, prefix + "coverage", Text.score(score.coverage()));
        property(w, prefix + "grade", score.grade());
    }

    private static void property(Writer w, String name, String value) throws IOException {
        w.write("      <property name=\"" + name + "\" value=\"" + Html.escape(value) + "\"/>\n");
    }
}
