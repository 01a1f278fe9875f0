package dev.phoenix.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phoenix.audit.Observed;
import dev.phoenix.baseline.GroupBaselines;
import dev.phoenix.model.Change;
import dev.phoenix.model.Drift;
import dev.phoenix.model.Fingerprint;
import dev.phoenix.model.Member;
import dev.phoenix.model.MemberKind;
import dev.phoenix.model.Mutability;
import dev.phoenix.report.MemberResult;
import dev.phoenix.report.MemberStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Immutable members whose facts report an in-place change (docker.diff./path) never define their group's golden. */
class DriftJudgeInPlaceTest {

    private static final Map<String, String> PRISTINE = Map.of("docker.image.id", "sha256:1", "docker.cmd", "[\"httpd\"]");

    private static Observed observed(String id, Map<String, String> facts) {
        Member m = new Member(id, "api", "docker", MemberKind.CONTAINER, Mutability.IMMUTABLE, false, "sha256:1", Map.of());
        return new Observed(m, Fingerprint.ofMap(facts), List.of());
    }

    private static Map<String, String> changed(String path) {
        Map<String, String> facts = new java.util.HashMap<>(PRISTINE);
        facts.put("docker.diff." + path, "CHANGED");
        return facts;
    }

    @Test
    void aLoneContainerChangedInPlace_isMutatedOnFirstSight_withThePathNamed() {
        GroupBaselines baselines = GroupBaselines.empty("api");
        GroupJudgement j = DriftJudge.judge("api", List.of(observed("c1", changed("/etc/app.conf"))), baselines, Instant.EPOCH);
        MemberResult r = j.results().get(0);
        assertThat(r.status()).isEqualTo(MemberStatus.MUTATED);
        assertThat(r.drift()).containsExactly(new Drift("docker.diff./etc/app.conf", null, "CHANGED", Change.ADDED));
        assertThat(r.note()).contains("changed in place").contains("no golden fingerprint captured");
        assertThat(baselines.golden("sha256:1")).as("a changed member never becomes the golden").isEmpty();
    }

    @Test
    void whenMostMembersAreChangedAlike_theUnchangedOneStillDefinesTheGolden() {
        Map<String, String> edited = changed("/etc/app.conf");
        edited.put("exec.app-conf.stdout.sha256", "edited");
        GroupBaselines baselines = GroupBaselines.empty("api");
        GroupJudgement j = DriftJudge.judge("api", List.of(observed("c1", edited), observed("c2", edited), observed("c3", PRISTINE)),
                baselines, Instant.EPOCH);
        assertThat(j.results()).extracting(MemberResult::status)
                .containsExactly(MemberStatus.MUTATED, MemberStatus.MUTATED, MemberStatus.BASELINED);
        assertThat(baselines.golden("sha256:1").orElseThrow().fingerprint()).isEqualTo(Fingerprint.ofMap(PRISTINE));
    }
}
