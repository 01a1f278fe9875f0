package dev.phoenix.config;

import dev.phoenix.report.Exporters;
import dev.phoenix.report.FindingKind;
import dev.phoenix.report.Severity;
import dev.phoenix.score.FindingPolicy;
import dev.phoenix.score.Gate;
import dev.phoenix.spi.ConfigErrors;
import dev.phoenix.spi.Settings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The {@code report:} section.
 *
 * <pre>{@code
 * report:
 *   formats: [json, html, junit]
 *   dir: phoenix-reports
 *   fail-under: 90                      # gate: exit 4 when the overall score is lower
 *   fail-on: [MUTATED, DIVERGED]        # gate: exit 4 on any finding of these kinds (not waived)
 *   plain-exit: false                   # true: a failed gate exits 1, like findings
 *   waivers: waivers.yaml               # accepted findings (relative to this file)
 *   export: s3://bucket/prefix          # copies of the reports: <runId>/ and latest/
 *   severities:                         # the first rule that matches a finding sets its severity
 *     - {kind: DRIFTED, fact: "tag.*", severity: LOW}
 * }</pre>
 *
 * @param waivers the waivers file as written (resolve it against the config's directory), or empty
 * @param export  where copies of every run's reports go ({@code s3://bucket/prefix}), or empty
 */
public record ReportSettings(List<String> formats, String dir, Optional<Integer> failUnder, List<FindingKind> failOn,
                             boolean plainExit, Optional<String> waivers, List<FindingPolicy.SeverityRule> severities,
                             Optional<String> export) {

    public static final List<String> KEYS = List.of("formats", "dir", "fail-under", "fail-on", "plain-exit", "waivers", "severities",
            "export");
    public static final List<String> DEFAULT_FORMATS = List.of("json", "html", "junit");

    public ReportSettings {
        formats = List.copyOf(formats);
        failOn = List.copyOf(failOn);
        severities = List.copyOf(severities);
    }

    public static ReportSettings defaults() {
        return new ReportSettings(DEFAULT_FORMATS, "phoenix-reports", Optional.empty(), List.of(), false, Optional.empty(), List.of(),
                Optional.empty());
    }

    /** The gate of this section, with {@code --fail-under} and {@code --fail-on} taking the place of theirs when given. */
    public Gate gate(Integer failUnderOption, List<FindingKind> failOnOption) {
        return new Gate(failUnderOption != null ? Optional.of(failUnderOption) : failUnder,
                java.util.Set.copyOf(failOnOption != null ? failOnOption : failOn));
    }

    static ReportSettings parse(Settings s) {
        ConfigErrors errors = new ConfigErrors();
        errors.check(() -> s.requireKeys(KEYS));
        List<String> formats = errors.get(() -> s.has("formats") ? s.strings("formats") : DEFAULT_FORMATS, DEFAULT_FORMATS);
        for (int i = 0; i < formats.size(); i++) {
            String name = formats.get(i);
            String path = s.child("formats").path() + "[" + i + "]";
            errors.check(() -> Exporters.registry().get(name, path));
        }
        Optional<Integer> failUnder = errors.get(() -> s.has("fail-under") ? Optional.of(s.integer("fail-under", 0, 0, 100))
                : Optional.<Integer>empty(), Optional.empty());
        String dir = errors.get(() -> s.string("dir", "phoenix-reports"), "phoenix-reports");
        List<FindingKind> failOn = new ArrayList<>();
        List<Settings> kinds = errors.get(() -> s.list("fail-on"), List.of());
        for (Settings k : kinds) {
            errors.attempt(() -> kind(k)).ifPresent(failOn::add);
        }
        boolean plainExit = errors.get(() -> s.bool("plain-exit", false), false);
        Optional<String> waivers = errors.get(() -> s.optionalString("waivers"), Optional.empty());
        List<FindingPolicy.SeverityRule> severities = new ArrayList<>();
        for (Settings r : errors.get(() -> s.list("severities"), List.<Settings>of())) {
            errors.attempt(() -> severityRule(r)).ifPresent(severities::add);
        }
        Optional<String> export = errors.get(() -> s.optionalString("export").map(e -> {
            if (!e.startsWith("s3://") || e.length() <= "s3://".length()) {
                throw s.child("export").error("expected s3://bucket/prefix, found '" + e + "'");
            }
            return e;
        }), Optional.empty());
        errors.throwIfAny();
        return new ReportSettings(formats, dir, failUnder, failOn, plainExit, waivers, severities, export);
    }

    /** A finding kind by name ({@code MUTATED}, {@code mutated}, {@code replacement-failed}); an error lists them all. */
    public static FindingKind kind(Settings k) {
        String text = k.asString().trim();
        try {
            return FindingKind.valueOf(text.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw k.error("unknown finding kind '" + text + "'; one of: "
                    + Arrays.stream(FindingKind.values()).map(Enum::name).collect(Collectors.joining(", ")));
        }
    }

    private static FindingPolicy.SeverityRule severityRule(Settings r) {
        r.requireKeys(List.of("kind", "fact", "severity"));
        Optional<FindingKind> kind = r.has("kind") ? Optional.of(kind(r.child("kind"))) : Optional.empty();
        String fact = r.string("fact", "*");
        Settings sev = r.child("severity");
        String text = r.string("severity").trim();
        Severity severity;
        try {
            severity = Severity.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw sev.error("expected CRITICAL, HIGH, MEDIUM or LOW, found '" + text + "'");
        }
        if (!r.has("kind") && !r.has("fact")) {
            throw r.error("a severity rule needs 'kind', 'fact' or both (e.g. {kind: DRIFTED, fact: \"tag.*\", severity: LOW})");
        }
        return new FindingPolicy.SeverityRule(kind, fact, severity);
    }
}
