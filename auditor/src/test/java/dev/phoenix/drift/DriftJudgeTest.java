package dev.phoenix.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phoenix.observe.Observed;
import dev.phoenix.baseline.GroupBaselines;
import dev.phoenix.model.Change;
import dev.phoenix.model.Drift;
import dev.phoenix.model.Fingerprint;
import dev.phoenix.model.Member;
import dev.phoenix.model.MemberKind;
import dev.phoenix.model.Mutability;
import dev.phoenix.model.ProbeError;
import dev.phoenix.report.MemberResult;
import dev.phoenix.report.MemberStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DriftJudgeTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
    private static final Map<String, String> IMAGE = Map.of("config.workers", "4", "packages.openssl", "3.0.15");

    private static Observed seen(String id, Mutability mutability, String provenance, Map<String, String> facts) {
        Member m = new Member(id, "g", "fake", mutability == Mutability.MUTABLE ? MemberKind.HOST : MemberKind.INSTANCE,
                mutability, true, provenance, Map.of());
        return new Observed(m, Fingerprint.ofMap(facts), List.of());
    }

    private static Map<String, String> with(String key, String value) {
        java.util.TreeMap<String, String> m = new java.util.TreeMap<>(IMAGE);
        m.put(key, value);
        return m;
    }

    private static MemberResult result(GroupJudgement j, String id) {
        return j.results().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void mutableHost_firstSeen_isBaselined_thenConsistent_thenDriftedWithExpectedAndActual() {
        GroupBaselines b = GroupBaselines.empty("g");
        GroupJudgement first = DriftJudge.judge("g", List.of(seen("h1", Mutability.MUTABLE, "", IMAGE)), b, NOW);
        assertThat(result(first, "h1").status()).isEqualTo(MemberStatus.BASELINED);

        GroupJudgement same = DriftJudge.judge("g", List.of(seen("h1", Mutability.MUTABLE, "", IMAGE)), b, NOW);
        assertThat(result(same, "h1").status()).isEqualTo(MemberStatus.CONSISTENT);

        GroupJudgement drifted = DriftJudge.judge("g", List.of(seen("h1", Mutability.MUTABLE, "", with("config.workers", "8"))), b, NOW);
        assertThat(result(drifted, "h1").status()).isEqualTo(MemberStatus.DRIFTED);
        assertThat(result(drifted, "h1").drift()).containsExactly(new Drift("config.workers", "4", "8", Change.CHANGED));
    }

    @Test
    void staleBaseline_isReportedAsDrift_untilAccepted() {
        GroupBaselines b = GroupBaselines.empty("g");
        DriftJudge.judge("g", List.of(seen("h1", Mutability.MUTABLE, "", IMAGE)), b, NOW);
        Observed changed = seen("h1", Mutability.MUTABLE, "", with("packages.openssl", "3.0.16"));
        assertThat(result(DriftJudge.judge("g", List.of(changed), b, NOW), "h1").status()).isEqualTo(MemberStatus.DRIFTED);
        assertThat(result(DriftJudge.judge("g", List.of(changed), b, NOW), "h1").status())
                .as("drift is not silently absorbed").isEqualTo(MemberStatus.DRIFTED);
        b.putMember("h1", changed.fingerprint(), "", NOW, "alice", "accepted drift: packages.openssl");
        assertThat(result(DriftJudge.judge("g", List.of(changed), b, NOW), "h1").status()).isEqualTo(MemberStatus.CONSISTENT);
    }

    @Test
    void mutableHost_withNewProvenance_isARollout_notDrift() {
        GroupBaselines b = GroupBaselines.empty("g");
        DriftJudge.judge("g", List.of(seen("h1", Mutability.MUTABLE, "ami-1", IMAGE)), b, NOW);
        GroupJudgement j = DriftJudge.judge("g", List.of(seen("h1", Mutability.MUTABLE, "ami-2", with("k", "v"))), b, NOW);
        assertThat(result(j, "h1").status()).isEqualTo(MemberStatus.BASELINED);
        assertThat(j.rollouts()).singleElement().satisfies(r -> {
            assertThat(r.member()).isEqualTo("h1");
            assertThat(r.from()).isEqualTo("ami-1");
            assertThat(r.to()).isEqualTo("ami-2");
        });
    }

    @Test
    void immutableGroup_firstSeen_takesTheConsensus_andFlagsTheOddOneAsMutated() {
        GroupBaselines b = GroupBaselines.empty("g");
        GroupJudgement j = DriftJudge.judge("g", List.of(
                seen("i1", Mutability.IMMUTABLE, "web:1", IMAGE),
                seen("i2", Mutability.IMMUTABLE, "web:1", with("config.workers", "8")),
                seen("i3", Mutability.IMMUTABLE, "web:1", IMAGE)), b, NOW);
        assertThat(result(j, "i1").status()).isEqualTo(MemberStatus.BASELINED);
        assertThat(result(j, "i2").status()).isEqualTo(MemberStatus.MUTATED);
        assertThat(result(j, "i2").drift()).containsExactly(new Drift("config.workers", "4", "8", Change.CHANGED));
        assertThat(b.golden("web:1")).isPresent();
    }

    @Test
    void storedGolden_winsOverANewMajority() {
        GroupBaselines b = GroupBaselines.empty("g");
        DriftJudge.judge("g", List.of(seen("i1", Mutability.IMMUTABLE, "web:1", IMAGE), seen("i2", Mutability.IMMUTABLE, "web:1", IMAGE),
                seen("i3", Mutability.IMMUTABLE, "web:1", IMAGE)), b, NOW);
        // someone ran a playbook on two of three immutable members
        GroupJudgement j = DriftJudge.judge("g", List.of(
                seen("i1", Mutability.IMMUTABLE, "web:1", with("config.workers", "8")),
                seen("i2", Mutability.IMMUTABLE, "web:1", with("config.workers", "8")),
                seen("i3", Mutability.IMMUTABLE, "web:1", IMAGE)), b, NOW);
        assertThat(j.results()).extracting(MemberResult::status)
                .containsExactly(MemberStatus.MUTATED, MemberStatus.MUTATED, MemberStatus.CONSISTENT);
    }

    @Test
    void immutableTie_withoutGolden_flagsEveryVariantAndCapturesNothing() {
        GroupBaselines b = GroupBaselines.empty("g");
        GroupJudgement j = DriftJudge.judge("g", List.of(seen("i1", Mutability.IMMUTABLE, "web:1", IMAGE),
                seen("i2", Mutability.IMMUTABLE, "web:1", with("config.workers", "8"))), b, NOW);
        assertThat(j.results()).extracting(MemberResult::status).containsOnly(MemberStatus.MUTATED);
        assertThat(j.results().get(0).note()).contains("none is in the majority");
        assertThat(b.golden("web:1")).isEmpty();
    }

    @Test
    void immutableGroup_movingToANewProvenance_isARollout() {
        GroupBaselines b = GroupBaselines.empty("g");
        DriftJudge.judge("g", List.of(seen("i1", Mutability.IMMUTABLE, "web:1", IMAGE), seen("i2", Mutability.IMMUTABLE, "web:1", IMAGE)), b, NOW);
        GroupJudgement j = DriftJudge.judge("g", List.of(seen("i3", Mutability.IMMUTABLE, "web:2", with("app", "2")),
                seen("i4", Mutability.IMMUTABLE, "web:2", with("app", "2"))), b, NOW);
        assertThat(j.results()).extracting(MemberResult::status).containsOnly(MemberStatus.BASELINED);
        assertThat(j.rollouts()).singleElement().satisfies(r -> {
            assertThat(r.member()).isNull();
            assertThat(r.from()).isEqualTo("web:1");
            assertThat(r.to()).isEqualTo("web:2");
        });
    }

    @Test
    void unreachableMember_isNotCompared() {
        GroupBaselines b = GroupBaselines.empty("g");
        Member m = new Member("h1", "g", "fake", MemberKind.HOST, Mutability.MUTABLE, false, "", Map.of());
        GroupJudgement j = DriftJudge.judge("g", List.of(new Observed(m, null, List.of(new ProbeError("http:state", "refused")))), b, NOW);
        assertThat(result(j, "h1").status()).isEqualTo(MemberStatus.UNREACHABLE);
        assertThat(result(j, "h1").probeErrors()).extracting(ProbeError::cause).containsExactly("refused");
        assertThat(b.member("h1")).isEmpty();
    }
}
