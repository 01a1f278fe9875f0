package dev.phoenix.report;

import dev.phoenix.model.Drift;
import dev.phoenix.model.Fingerprint;
import dev.phoenix.model.ProbeError;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Derives a run's findings from its groups, members and experiments, in one place: one finding
 * per drifted, mutated or diverged fact, one per unreachable or missing member, failed experiment
 * and undiscoverable group, each with its kind's default severity.
 *
 * <pre>{@code
 * List<Finding> findings = Findings.derive(groups, members, chaos);
 * findings.get(0).kind().ruleId()   // "phoenix/drifted"
 * }</pre>
 */
public final class Findings {

    /** Most severe first, then by group, member and fact: the order exporters show and cut. */
    public static final Comparator<Finding> MOST_SEVERE_FIRST = Comparator.comparing(Finding::severity)
            .thenComparing(Finding::group)
            .thenComparing(f -> f.member() == null ? "" : f.member())
            .thenComparing(f -> f.fact() == null ? "" : f.fact());

    private Findings() {
    }

    public static List<Finding> derive(List<GroupSummary> groups, List<MemberResult> members, List<ChaosResult> chaos) {
        List<Finding> out = new ArrayList<>();
        for (GroupSummary g : groups) {
            if (g.error() != null) {
                out.add(finding(FindingKind.UNDISCOVERED, g.name(), null, null, null, null, null, null, null,
                        "group " + g.name() + " was not audited: " + g.error()));
            } else if (g.undersized()) {
                // (below: the accounts and regions that were not audited are findings of their own)
                out.add(finding(FindingKind.UNDERSIZED, g.name(), null, null, null, String.valueOf(g.expectedMembers()),
                        String.valueOf(g.inService()), dev.phoenix.model.Change.CHANGED, null, "group " + g.name() + " has "
                                + g.inService() + " of " + g.expectedMembers() + " expected members in service (expected size from "
                                + g.expectedFrom() + ")"));
            }
            for (UnauditedPart u : g.unaudited()) {
                String scope = "account:" + (u.account() == null ? "" : u.account()) + "/" + (u.region() == null ? "" : u.region());
                out.add(new Finding(id(FindingKind.UNDISCOVERED, g.name(), null, scope), FindingKind.UNDISCOVERED,
                        FindingKind.UNDISCOVERED.defaultSeverity(), g.name(), null, null, u.account(), u.region(), null, null, null,
                        null, "group " + g.name() + ": " + u.describe() + " was not audited"
                        + (u.code() == null ? "" : " (" + u.code() + ")") + ": " + u.message(), null));
            }
        }
        for (MemberResult m : members) {
            FindingKind kind = switch (m.status()) {
                case DRIFTED -> FindingKind.DRIFTED;
                case MUTATED -> FindingKind.MUTATED;
                case UNREACHABLE -> FindingKind.UNREACHABLE;
                case MISSING -> FindingKind.MISSING;
                default -> null;
            };
            if (kind == null) {
                continue;
            }
            if ((kind == FindingKind.DRIFTED || kind == FindingKind.MUTATED) && !m.drift().isEmpty()) {
                for (Drift d : m.drift()) {
                    out.add(finding(kind, m.group(), m, null, d.fact(), d.expected(), d.actual(), d.change(), null,
                            describe(m) + ": " + d.fact() + " " + value(d.expected()) + " -> " + value(d.actual())));
                }
            } else {
                String why = kind == FindingKind.UNREACHABLE && !m.probeErrors().isEmpty()
                        ? m.probeErrors().stream().map(ProbeError::cause).collect(Collectors.joining("; "))
                        : m.note() != null ? m.note() : kind.description();
                out.add(finding(kind, m.group(), m, null, null, null, null, null, null, describe(m) + " is " + m.status() + ": " + why));
            }
        }
        for (ChaosResult c : chaos) {
            FindingKind kind = switch (c.verdict()) {
                case DIVERGED -> FindingKind.DIVERGED;
                case NONDETERMINISTIC -> FindingKind.NONDETERMINISTIC;
                case REPLACEMENT_FAILED -> FindingKind.REPLACEMENT_FAILED;
                case TIMED_OUT -> FindingKind.TIMED_OUT;
                default -> null;
            };
            if (kind == null) {
                continue;
            }
            String who = c.victim() == null ? "group " + c.group() : c.victim() + (c.replacement() == null ? "" : " -> " + c.replacement());
            if (!c.diff().isEmpty()) {
                for (Drift d : c.diff()) {
                    out.add(finding(kind, c.group(), null, c.victim(), d.fact(), d.expected(), d.actual(), d.change(), null,
                            c.verdict() + " " + who + ": " + d.fact() + " " + value(d.expected()) + " -> " + value(d.actual())));
                }
            } else {
                out.add(finding(kind, c.group(), null, c.victim(), null, null, null, null, null,
                        c.verdict() + " " + who + (c.reason() == null ? "" : ": " + c.reason())));
            }
        }
        return List.copyOf(out);
    }

    private static Finding finding(FindingKind kind, String group, MemberResult m, String victim, String fact, String expected,
                                   String actual, dev.phoenix.model.Change change, Finding.Waiver waiver, String message) {
        String member = m != null ? m.id() : victim;
        String name = m != null ? m.name() : victim;
        return new Finding(id(kind, group, member, fact), kind, kind.defaultSeverity(), group, member, name,
                m == null ? null : m.account(), m == null ? null : m.region(), fact, expected, actual, change, message, waiver);
    }

    /** The stable id of a finding: a digest of its kind, group, member and fact. */
    public static String id(FindingKind kind, String group, String member, String fact) {
        return Fingerprint.sha256Hex(kind.name() + "\u0000" + group + "\u0000" + (member == null ? "" : member) + "\u0000"
                + (fact == null ? "" : fact)).substring(0, 32);
    }

    private static String describe(MemberResult m) {
        return m.name().equals(m.id()) ? m.id() : m.name() + " (" + m.id() + ")";
    }

    private static String value(String v) {
        return v == null ? "(none)" : v;
    }
}
