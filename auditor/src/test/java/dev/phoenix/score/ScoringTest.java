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

    private static int victims;

    private static ChaosResult chaos(ChaosVerdict v) {
        return new ChaosResult("g", "v" + (victims++), "r", v, null, 1L, null, List.of(), null);
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
        // consistency (8 + 0.25 + 0.25)/10 = 85 (a MEDIUM finding weighs 0.75), coverage 9/10 = 90, reproducibility 1/2 = 50
        Score s = Scoring.score(members(8, 1, 1), List.of(chaos(ChaosVerdict.REPRODUCED), chaos(ChaosVerdict.DIVERGED),
                chaos(ChaosVerdict.SKIPPED)), 1, 1);
        assertThat(s).isEqualTo(new Score(75, 85, 50, 90, Score.grade(75))); // 0.5*85 + 0.3*50 + 0.2*90 = 75.5
    }

    @Test
    void anUnreachableHost_neverScoresBetterThanADriftedOne() {
        Score unreachable = Scoring.score(members(4, 0, 1), List.of(), 1, 1);
        Score drifted = Scoring.score(members(4, 1, 0), List.of(), 1, 1);
        assertThat(unreachable.consistency()).isEqualTo(drifted.consistency()).isEqualTo(85);
        assertThat(unreachable.overall()).isLessThan(drifted.overall());
        assertThat(unreachable.grade()).isNotEqualTo("A");
    }

    @Test
    void severities_weigh_andWaivedFindingsDoNotCount() {
        List<MemberResult> ms = members(3, 1, 0);
        List<ChaosResult> none = List.of();
        List<dev.phoenix.report.Finding> findings = dev.phoenix.report.Findings.derive(List.of(), ms, none);
        dev.phoenix.report.Finding f = findings.get(0);
        assertThat(Scoring.score(ms, none, findings, 1, 1).consistency()).isEqualTo(81); // (3 + 0.25) / 4
        assertThat(Scoring.score(ms, none, List.of(f.withSeverity(dev.phoenix.report.Severity.LOW)), 1, 1).consistency())
                .isEqualTo(93); // (3 + 0.75) / 4
        assertThat(Scoring.score(ms, none, List.of(f.withSeverity(dev.phoenix.report.Severity.CRITICAL)), 1, 1).consistency())
                .isEqualTo(75);
        var waiver = new dev.phoenix.report.Finding.Waiver("known", "alice", java.time.LocalDate.of(2999, 1, 1), false);
        assertThat(Scoring.score(ms, none, List.of(f.withWaiver(waiver)), 1, 1).consistency()).isEqualTo(100);
        var expired = new dev.phoenix.report.Finding.Waiver("known", "alice", java.time.LocalDate.of(2020, 1, 1), true);
        assertThat(Scoring.score(ms, none, List.of(f.withWaiver(expired)), 1, 1).consistency()).isEqualTo(81);
    }

    @Test
    void adoptedExperiments_areOutsideReproducibility_andAFullyWaivedOneToo() {
        assertThat(Scoring.score(members(3, 0, 0), List.of(chaos(ChaosVerdict.ADOPTED)), 1, 1).reproducibility()).isNull();
        List<ChaosResult> chaos = List.of(chaos(ChaosVerdict.REPRODUCED), chaos(ChaosVerdict.DIVERGED));
        List<dev.phoenix.report.Finding> findings = dev.phoenix.report.Findings.derive(List.of(), members(3, 0, 0), chaos);
        assertThat(Scoring.score(members(3, 0, 0), chaos, findings, 1, 1).reproducibility()).isEqualTo(50);
        var waiver = new dev.phoenix.report.Finding.Waiver("known", "alice", java.time.LocalDate.of(2999, 1, 1), false);
        assertThat(Scoring.score(members(3, 0, 0), chaos, findings.stream().map(f -> f.withWaiver(waiver)).toList(), 1, 1)
                .reproducibility()).isEqualTo(100);
    }

    @Test
    void skippedExperimentsOnly_leaveReproducibilityNull_andTheWeightsRenormalised() {
        Score s = Scoring.score(members(9, 1, 0), List.of(chaos(ChaosVerdict.SKIPPED)), 1, 1);
        assertThat(s.reproducibility()).isNull();
        assertThat(s.overall()).isEqualTo(94); // consistency (9 + 0.25)/10 = 92: (0.5*92 + 0.2*100) / 0.7 = 94.3
    }

    @Test
    void undiscoveredGroups_lowerCoverage_andAnEmptyAuditScoresZero() {
        assertThat(Scoring.score(members(4, 0, 0), List.of(), 2, 1).coverage()).isEqualTo(50);
        assertThat(Scoring.score(List.of(), List.of(), 1, 0)).isEqualTo(new Score(0, 0, null, 0, "F"));
    }
}
