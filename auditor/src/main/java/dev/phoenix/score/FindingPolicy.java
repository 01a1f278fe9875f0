package dev.phoenix.score;

import dev.phoenix.model.Glob;
import dev.phoenix.report.Finding;
import dev.phoenix.report.FindingKind;
import dev.phoenix.report.Scorecard;
import dev.phoenix.report.Severity;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a team decided about findings, applied to a run's findings in one place: severity
 * overrides per fact pattern ({@code report.severities}) and waivers ({@code report.waivers}).
 *
 * <pre>{@code
 * FindingPolicy policy = new FindingPolicy(List.of(new SeverityRule(Optional.of(FindingKind.DRIFTED), "tag.*", Severity.LOW)),
 *         waivers, LocalDate.now(clock));
 * FindingPolicy.Applied applied = policy.apply(Findings.derive(groups, members, chaos));
 * applied.findings()   // severities overridden, waivers attached (expired ones marked)
 * applied.unused()     // waivers that matched nothing
 * }</pre>
 *
 * @param severities the first rule that matches a finding sets its severity
 * @param waivers    accepted findings; the first that matches a finding is attached to it
 * @param today      the day waivers are judged on: a waiver holds through its {@code expires} day
 */
public record FindingPolicy(List<SeverityRule> severities, List<Waiver> waivers, LocalDate today) {

    public FindingPolicy {
        severities = List.copyOf(severities);
        waivers = List.copyOf(waivers);
        Objects.requireNonNull(today, "today");
    }

    /** The same policy judged on another day (a long-lived daemon's waivers expire while it runs). */
    public FindingPolicy on(LocalDate day) {
        return new FindingPolicy(severities, waivers, day);
    }

    /** Default severities, no waivers. */
    public static FindingPolicy none(LocalDate today) {
        return new FindingPolicy(List.of(), List.of(), today);
    }

    /**
     * One entry of {@code report.severities}: findings of {@code kind} (any kind when empty) whose
     * fact matches {@code fact} (a glob; {@code *} also matches a finding without a fact) weigh {@code severity}.
     */
    public record SeverityRule(Optional<FindingKind> kind, String fact, Severity severity) {
        public SeverityRule {
            Objects.requireNonNull(fact, "fact");
            Objects.requireNonNull(severity, "severity");
        }

        boolean matches(Finding f) {
            return kind.map(k -> k == f.kind()).orElse(true) && globMatches(fact, f.fact());
        }
    }

    /**
     * One accepted finding of the waivers file.
     *
     * @param group  group name or glob
     * @param member member id or name glob; {@code *} also matches group-wide findings
     * @param fact   fact glob; {@code *} (the default) also matches findings without a fact
     * @param kind   only findings of this kind, or any
     * @param where  where it is written ({@code waivers.yaml:4}), for messages
     */
    public record Waiver(String group, String member, String fact, Optional<FindingKind> kind, String justification, String by,
                         LocalDate expires, String where) {
        public Waiver {
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(member, "member");
            Objects.requireNonNull(fact, "fact");
            Objects.requireNonNull(justification, "justification");
            Objects.requireNonNull(by, "by");
            Objects.requireNonNull(expires, "expires");
        }

        boolean matches(Finding f) {
            return kind.map(k -> k == f.kind()).orElse(true)
                    && globMatches(group, f.group())
                    && (globMatches(member, f.member()) || (f.name() != null && globMatches(member, f.name())))
                    && globMatches(fact, f.fact());
        }
    }

    /** The findings as the policy makes them, and the waivers that matched none of them. */
    public record Applied(List<Finding> findings, List<Scorecard.UnusedWaiver> unused) {
    }

    public Applied apply(List<Finding> findings) {
        boolean[] used = new boolean[waivers.size()];
        List<Finding> out = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            Finding g = f;
            for (SeverityRule r : severities) {
                if (r.matches(f)) {
                    g = g.withSeverity(r.severity());
                    break;
                }
            }
            for (int i = 0; i < waivers.size(); i++) {
                Waiver w = waivers.get(i);
                if (w.matches(f)) {
                    used[i] = true;
                    g = g.withWaiver(new Finding.Waiver(w.justification(), w.by(), w.expires(), w.expires().isBefore(today)));
                    break;
                }
            }
            out.add(g);
        }
        List<Scorecard.UnusedWaiver> unused = new ArrayList<>();
        for (int i = 0; i < waivers.size(); i++) {
            if (!used[i]) {
                Waiver w = waivers.get(i);
                unused.add(new Scorecard.UnusedWaiver(w.group(), w.member(), w.fact(), w.justification(), w.by(), w.expires()));
            }
        }
        return new Applied(List.copyOf(out), List.copyOf(unused));
    }

    /** The globs of the config's rules and waivers, each compiled once (a handful; not per finding). */
    private static final java.util.Map<String, Pattern> COMPILED = new java.util.concurrent.ConcurrentHashMap<>();

    /** {@code *} matches anything, null included; any other glob only a value it matches. */
    private static boolean globMatches(String glob, String value) {
        if (glob.equals("*")) {
            return true;
        }
        return value != null && COMPILED.computeIfAbsent(glob, Glob::compile).matcher(value).matches();
    }
}
