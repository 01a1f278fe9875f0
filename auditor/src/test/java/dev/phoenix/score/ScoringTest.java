package dev.phoenix.score;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phoenix.report.ChaosResult;
import dev.phoenix.report.ChaosVerdict;
import dev.phoenix.report.MemberResult;
import dev.phoenix.report.MemberStatus;
import dev.phoenix.report.Score;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScoringTest {

    private static List<MemberResult> members(int consistent, int drifted, int unreachable) {
        List<MemberResult> out = new ArrayList<>();
        for (int i = 0; i < consistent + drifted + unreachable; i++) {
            MemberStatus s = i < consistent ? MemberStatus.CONSISTENT : i < consistent + drifted ? MemberStatus.DRIFTED : MemberStatus.UNREACHABLE;
            out.add(new MemberResult("m" + i, "g", "fake", "mutable", "host", s, "", null, List.of(), List.of(), null));
        }
        return out;
    }

    private static ChaosResult chaos(ChaosVerdict v) {
        return new ChaosResult("g", "v", "r", v, null, 1L, null, List.of(), null);
    }

    @Test
    void allConsistent_noChaos_isAHundredAndA() {
        assertThat(Scoring.score(members(10, 0, 0), List.of(), 1, 1)).isEqualTo(new Score(100, 100, null, 100, "A"));
    }

    @Test
    void oneFindingInAHundred_neverRoundsUpToAHundred() {
        Score s = Scoring.score(members(199, 1, 0), List.of(), 1, 1);
        assertThat(s.consistency()).isEqualTo(99);
    }

    @Test
    void weights_areHalfConsistency_threeTenthsReproducibility_oneFifthCoverage() {
        // consistency 8/9 = 88, coverage 9/10 = 90, reproducibility 1/2 = 50
        Score s = Scoring.score(members(8, 1, 1), List.of(chaos(ChaosVerdict.REPRODUCED), chaos(ChaosVerdict.DIVERGED),
                chaos(ChaosVerdict.SKIPPED)), 1, 1);
        assertThat(s).isEqualTo(new Score(77, 88, 50, 90, "C")); // 0.5*88 + 0.3*50 + 0.2*90 = 77
    }

    @Test
    void skippedExperimentsOnly_leaveReproducibilityNull_andTheWeightsRenormalised() {
        Score s = Scoring.score(members(9, 1, 0), List.of(chaos(ChaosVerdict.SKIPPED)), 1, 1);
        assertThat(s.reproducibility()).isNull();
        assertThat(s.overall()).isEqualTo(92); // (0.5*90 + 0.2*100) / 0.7 = 92.8
    }

    @Test
    void undiscoveredGroups_lowerCoverage_andAnEmptyAuditScoresZero() {
        assertThat(Scoring.score(members(4, 0, 0), List.of(), 2, 1).coverage()).isEqualTo(50);
        assertThat(Scoring.score(List.of(), List.of(), 1, 0)).isEqualTo(new Score(0, 0, null, 0, "F"));
    }
}
