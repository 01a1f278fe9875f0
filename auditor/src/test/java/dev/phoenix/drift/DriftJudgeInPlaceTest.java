package dev.phoenix.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phoenix.observe.Observed;
import dev.phoenix.baseline.GroupBaselines;
import dev.phoenix.model.Change;
import dev.phoenix.model.Drift;
import dev.phoenix.model.Fact;
import dev.phoenix.model.Fingerprint;
import dev.phoenix.model.Member;
import dev.phoenix.model.MemberKind;
import dev.phoenix.model.Mutability;
import dev.phoenix.report.MemberResult;
import dev.phoenix.report.MemberStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Immutable members whose facts report an in-place change ({@link Fact.Kind#IN_PLACE}) never define their group's golden. */
class DriftJudgeInPlaceTest {

    private static final List<Fact> PRISTINE = List.of(Fact.of("docker.image.id", "sha256:1"), Fact.of("docker.cmd", "[\"httpd\"]"));

    private static Observed observed(String id, List<Fact> facts) {
        Member m = new Member(id, "api", "docker", MemberKind.CONTAINER, Mutability.IMMUTABLE, false, "sha256:1", Map.of());
        return new Observed(m, Fingerprint.of(facts), List.of());
    }

    /** What the docker-diff probe reports for a container whose file at {@code path} was edited. */
    private static List<Fact> changed(String path) {
        List<Fact> facts = new ArrayList<>(PRISTINE);
        facts.add(Fact.inPlace("docker.diff." + path, "CHANGED"));
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
        List<Fact> edited = changed("/etc/app.conf");
        edited.add(Fact.of("exec.app-conf.stdout.sha256", "edited"));
        GroupBaselines baselines = GroupBaselines.empty("api");
        GroupJudgement j = DriftJudge.judge("api", List.of(observed("c1", edited), observed("c2", edited), observed("c3", PRISTINE)),
                baselines, Instant.EPOCH);
        assertThat(j.results()).extracting(MemberResult::status)
                .containsExactly(MemberStatus.MUTATED, MemberStatus.MUTATED, MemberStatus.BASELINED);
        assertThat(baselines.golden("sha256:1").orElseThrow().fingerprint()).isEqualTo(Fingerprint.of(PRISTINE));
    }

    @Test
    void changedInPlaceOnly_isExplainedAsAnInPlaceChange() {
        GroupBaselines baselines = GroupBaselines.empty("api");
        GroupJudgement j = DriftJudge.judge("api", List.of(observed("c1", PRISTINE), observed("c2", PRISTINE),
                observed("c3", changed("/etc/app.conf"))), baselines, Instant.EPOCH);
        assertThat(j.results().get(2).note()).isEqualTo("changed in place since it was created from sha256:1");
    }

    @Test
    void stateFactWhoseKeyLooksLikeADiff_canDefineTheGolden() {
        // an HTTP body {"diff": {"/api": 1}} flattens to http.state.json.diff./api: ordinary state, not an in-place change
        List<Fact> facts = List.of(Fact.of("http.state.json.diff./api", "1"));
        GroupBaselines baselines = GroupBaselines.empty("api");
        GroupJudgement j = DriftJudge.judge("api", List.of(observed("c1", facts)), baselines, Instant.EPOCH);
        assertThat(j.results()).extracting(MemberResult::status).containsExactly(MemberStatus.BASELINED);
        assertThat(baselines.golden("sha256:1")).isPresent();
    }
}
