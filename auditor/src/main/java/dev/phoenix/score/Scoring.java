package dev.phoenix.score;

import dev.phoenix.report.ChaosResult;
import dev.phoenix.report.ChaosVerdict;
import dev.phoenix.report.MemberResult;
import dev.phoenix.report.MemberStatus;
import dev.phoenix.report.Score;
import java.util.List;

/**
 * Computes scores from 0 to 100 (see the README, "How the scores are computed"):
 *
 * <pre>
 * consistency     = (CONSISTENT + BASELINED) / reachable members
 * reproducibility = REPRODUCED / experiments that ran (not SKIPPED); null when none ran
 * coverage        = reachable members / members (a MISSING member is not reachable), times the share of groups
 *                   that could be discovered
 * overall         = 0.5 consistency + 0.3 reproducibility + 0.2 coverage (weights renormalised when
 *                   reproducibility is null)
 * </pre>
 *
 * Each share is rounded down. With nothing to measure (no member at all), every score is 0, so
 * an empty audit never passes a gate.
 */
public final class Scoring {

    static final double CONSISTENCY_WEIGHT = 0.5;
    static final double REPRODUCIBILITY_WEIGHT = 0.3;
    static final double COVERAGE_WEIGHT = 0.2;

    private Scoring() {
    }

    public static Score score(List<MemberResult> members, List<ChaosResult> chaos, int groups, int groupsDiscovered) {
        int total = members.size();
        // a missing member was not observed either: it lowers coverage, not consistency
        long unreachable = members.stream().filter(m -> m.status() == MemberStatus.UNREACHABLE || m.status() == MemberStatus.MISSING)
                .count();
        long reachable = total - unreachable;
        long consistent = members.stream()
                .filter(m -> m.status() == MemberStatus.CONSISTENT || m.status() == MemberStatus.BASELINED).count();
        long ran = chaos.stream().filter(c -> c.verdict() != ChaosVerdict.SKIPPED).count();
        long reproduced = chaos.stream().filter(c -> c.verdict() == ChaosVerdict.REPRODUCED).count();

        int consistency = reachable == 0 ? 0 : share(consistent, reachable);
        Integer reproducibility = ran == 0 ? null : share(reproduced, ran);
        double discovered = groups == 0 ? 0 : (double) groupsDiscovered / groups;
        int coverage = total == 0 ? 0 : (int) Math.floor(100.0 * reachable / total * discovered);

        double weighted = CONSISTENCY_WEIGHT * consistency + COVERAGE_WEIGHT * coverage;
        double weights = CONSISTENCY_WEIGHT + COVERAGE_WEIGHT;
        if (reproducibility != null) {
            weighted += REPRODUCIBILITY_WEIGHT * reproducibility;
            weights += REPRODUCIBILITY_WEIGHT;
        }
        int overall = total == 0 && ran == 0 ? 0 : (int) Math.floor(weighted / weights + 1e-9);
        return new Score(overall, consistency, reproducibility, coverage, Score.grade(overall));
    }

    private static int share(long part, long whole) {
        return (int) (100 * part / whole);
    }
}
