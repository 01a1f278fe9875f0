package dev.phoenix.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phoenix.observe.Observed;
import dev.phoenix.baseline.GroupBaselines;
import dev.phoenix.model.Fingerprint;
import dev.phoenix.model.Member;
import dev.phoenix.model.MemberKind;
import dev.phoenix.model.Mutability;
import dev.phoenix.report.MemberStatus;
import dev.phoenix.report.Rollout;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A fleet that knows what it launches (an Auto Scaling group's launch-template version) drives rollouts. */
class DriftJudgeTargetProvenanceTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Fingerprint V1 = Fingerprint.ofMap(Map.of("aws.instanceType", "t3.micro"));

    private static Observed member(String id, String provenance) {
        return new Observed(new Member(id, "web", "aws", MemberKind.INSTANCE, Mutability.IMMUTABLE, false, provenance, Map.of()),
                V1, List.of());
    }

    private static List<Observed> fleet() {
        return List.of(member("i-1", "ami-1 lt-1:1"), member("i-2", "ami-1 lt-1:1"), member("i-3", "ami-1 lt-1:1"));
    }

    @Test
    void newTargetVersion_isARolloutBeforeAnyMemberIsReplaced_andOldMembersStayConsistent() {
        GroupBaselines baselines = GroupBaselines.empty("web");
        DriftJudge.judge("web", fleet(), "ami-1 lt-1:1", baselines, NOW);

        GroupJudgement next = DriftJudge.judge("web", fleet(), "ami-1 lt-1:2", baselines, NOW);

        assertThat(next.rollouts()).containsExactly(new Rollout("web", null, "ami-1 lt-1:1", "ami-1 lt-1:2"));
        assertThat(next.results()).allSatisfy(r -> assertThat(r.status()).isEqualTo(MemberStatus.CONSISTENT));
        assertThat(baselines.currentProvenance()).isEqualTo("ami-1 lt-1:2");
        assertThat(DriftJudge.judge("web", fleet(), "ami-1 lt-1:2", baselines, NOW).rollouts()).isEmpty();
    }

    @Test
    void withoutTarget_theBusiestProvenanceDecides_asBefore() {
        GroupBaselines baselines = GroupBaselines.empty("web");
        DriftJudge.judge("web", fleet(), null, baselines, NOW);
        assertThat(DriftJudge.judge("web", fleet(), null, baselines, NOW).rollouts()).isEmpty();
        assertThat(baselines.currentProvenance()).isEqualTo("ami-1 lt-1:1");
    }
}
