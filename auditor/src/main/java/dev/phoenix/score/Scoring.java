package dev.phoenix.score;

import dev.phoenix.report.ChaosResult;
import dev.phoenix.report.ChaosVerdict;
import dev.phoenix.report.Finding;
import dev.phoenix.report.Findings;
import dev.phoenix.report.MemberResult;
import dev.phoenix.report.MemberStatus;
import dev.phoenix.report.Score;
import dev.phoenix.report.Severity;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes scores from 0 to 100 (see the README, "How the scores are computed"). Every member and
 * every experiment that ran earns 1 less the weight of its worst finding that is not waived:
 *
 * <pre>
 * weight          = CRITICAL 1, HIGH 1, MEDIUM 0.75, LOW 0.25 (no finding, or only waived ones: 0)
 * consistency     = sum over members of (1 - weight) / members       (UNREACHABLE and MISSING members count)
 * reproducibility = sum over experiments of (1 - weight) / experiments that ran (not SKIPPED, not ADOPTED,
 *                   not fully waived); null when none ran
 * coverage        = in-service members / members, times the share of groups that could be discovered
 * overall         = 0.5 consistency + 0.3 reproducibility + 0.2 coverage (weights renormalised when
 *                   reproducibility is null)
 * </pre>
 *
 * Each share is rounded down. With nothing to measure (no member at all), every score is 0, so
 * an empty audit never passes a gate. A member that could not be observed weighs as much as its
 * finding says (UNREACHABLE is MEDIUM by default, like DRIFTED) and also lowers coverage: one host
 * that does not answer never scores better than one that drifted.
 */
public final class Scoring {

    static final double CONSISTENCY_WEIGHT = 0.5;
    static final double REPRODUCIBILITY_WEIGHT = 0.3;
    static final double COVERAGE_WEIGHT = 0.2;

    private Scoring() {
    }

    /** How much a finding of {@code severity} takes from its member's or experiment's share. */
    public static double weight(Severity severity) {
        return switch (severity) {
            case CRITICAL, HIGH -> 1.0;
            case MEDIUM -> 0.75;
            case LOW -> 0.25;
        };
    }

    /** Scores with each finding at its kind's default severity and nothing waived. */
    public static Score score(List<MemberResult> members, List<ChaosResult> chaos, int groups, int groupsDiscovered) {
        return score(members, chaos, Findings.derive(List.of(), members, chaos), groups, groupsDiscovered);
    }

    /**
     * @param findings the run's findings with their severities and waivers ({@link FindingPolicy}); group-wide
     *                 ones are ignored here (an undiscovered group lowers coverage, a missing member consistency)
     */
    public static Score score(List<MemberResult> members, List<ChaosResult> chaos, List<Finding> findings, int groups,
                              int groupsDiscovered) {
        Map<String, Worst> bySubject = new HashMap<>();
        for (Finding f : findings) {
            if (f.member() != null) {
                bySubject.computeIfAbsent(f.subject(), k -> new Worst()).add(f);
            }
        }
        int total = members.size();
        long inService = members.stream().filter(m -> m.status() != MemberStatus.UNREACHABLE && m.status() != MemberStatus.MISSING)
                .count();
        double earned = 0;
        for (MemberResult m : members) {
            Worst w = bySubject.get("member " + m.group() + " " + m.id());
            earned += 1 - (w == null ? 0 : w.weight);
        }
        double reproducedShare = 0;
        long ran = 0;
        for (ChaosResult c : chaos) {
            if (c.verdict() == ChaosVerdict.SKIPPED || c.verdict() == ChaosVerdict.ADOPTED) {
                continue;
            }
            Worst w = bySubject.get("chaos " + c.group() + " " + c.victim());
            if (w != null && w.weight == 0 && w.waived) {
                continue; // every finding of it waived: it proves nothing either way
            }
            ran++;
            reproducedShare += 1 - (w == null ? 0 : w.weight);
        }

        int consistency = total == 0 ? 0 : floor(100.0 * earned / total);
        Integer reproducibility = ran == 0 ? null : floor(100.0 * reproducedShare / ran);
        double discovered = groups == 0 ? 0 : (double) groupsDiscovered / groups;
        int coverage = total == 0 ? 0 : floor(100.0 * inService / total * discovered);

        double weighted = CONSISTENCY_WEIGHT * consistency + COVERAGE_WEIGHT * coverage;
        double weights = CONSISTENCY_WEIGHT + COVERAGE_WEIGHT;
        if (reproducibility != null) {
            weighted += REPRODUCIBILITY_WEIGHT * reproducibility;
            weights += REPRODUCIBILITY_WEIGHT;
        }
        int overall = total == 0 && ran == 0 ? 0 : floor(weighted / weights);
        return new Score(overall, consistency, reproducibility, coverage, Score.grade(overall));
    }

    /** The heaviest unwaived finding of one subject, and whether any of its findings was waived. */
    private static final class Worst {
        double weight;
        boolean waived;

        void add(Finding f) {
            if (f.waived()) {
                waived = true;
            } else {
                weight = Math.max(weight, weight(f.severity()));
            }
        }
    }

    private static int floor(double v) {
        return (int) Math.floor(v + 1e-9);
    }
}
