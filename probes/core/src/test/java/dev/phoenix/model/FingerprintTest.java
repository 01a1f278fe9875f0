package dev.phoenix.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FingerprintTest {

    @Test
    void identityFacts_areLeftOutOfTheFingerprint() {
        Fingerprint a = Fingerprint.of(List.of(Fact.of("k", "v"), Fact.identity("id", "i-1")));
        Fingerprint b = Fingerprint.of(List.of(Fact.of("k", "v"), Fact.identity("id", "i-2")));
        assertThat(a.digest()).isEqualTo(b.digest());
        assertThat(a.facts()).containsOnlyKeys("k");
    }

    @Test
    void factOrder_doesNotChangeTheDigest() {
        Fingerprint a = Fingerprint.of(List.of(Fact.of("a", "1"), Fact.of("b", "2")));
        Fingerprint b = Fingerprint.of(List.of(Fact.of("b", "2"), Fact.of("a", "1")));
        assertThat(a.digest()).isEqualTo(b.digest()).hasSize(64);
    }

    @Test
    void keyValueBoundaries_areUnambiguous() {
        // "a=b" + "c" must not collide with "a" + "b=c"
        Fingerprint a = Fingerprint.ofMap(Map.of("a=b", "c"));
        Fingerprint b = Fingerprint.ofMap(Map.of("a", "b=c"));
        assertThat(a.digest()).isNotEqualTo(b.digest());
    }

    @Test
    void inPlaceFacts_areComparedAsState_andRememberedAsInPlace() {
        Fingerprint pristine = Fingerprint.of(List.of(Fact.of("app.version", "1")));
        Fingerprint changed = Fingerprint.of(List.of(Fact.of("app.version", "1"), Fact.inPlace("docker.diff./etc/app.conf", "CHANGED")));
        assertThat(changed.facts()).containsEntry("docker.diff./etc/app.conf", "CHANGED");
        assertThat(changed.inPlaceKeys()).containsExactly("docker.diff./etc/app.conf");
        assertThat(changed.changedInPlace()).isTrue();
        assertThat(pristine.changedInPlace()).isFalse();
        assertThat(pristine.diff(changed)).containsExactly(new Drift("docker.diff./etc/app.conf", null, "CHANGED", Change.ADDED));
    }

    @Test
    void inPlaceKinds_doNotChangeTheDigest() {
        // baselines stored before facts had kinds keep matching
        Fingerprint typed = Fingerprint.of(List.of(Fact.inPlace("docker.diff./etc/app.conf", "CHANGED")));
        Fingerprint plain = Fingerprint.ofMap(Map.of("docker.diff./etc/app.conf", "CHANGED"));
        assertThat(typed.digest()).isEqualTo(plain.digest());
        assertThat(plain.inPlaceKeys()).isEmpty();
    }

    @Test
    void stateFactWhoseKeyLooksLikeADiff_isNotInPlace() {
        // an HTTP body {"diff": {"/api": 1}} flattens to such a key: it is ordinary state
        Fingerprint fp = Fingerprint.of(List.of(Fact.of("http.state.json.diff./api", "1")));
        assertThat(fp.changedInPlace()).isFalse();
        assertThat(fp.inPlace("http.state.json.diff./api")).isFalse();
    }

    static Stream<Arguments> diffs() {
        return Stream.of(
                Arguments.of(Map.of("a", "1"), Map.of("a", "1"), List.of()),
                Arguments.of(Map.of("a", "1"), Map.of("a", "2"), List.of(new Drift("a", "1", "2", Change.CHANGED))),
                Arguments.of(Map.of("a", "1"), Map.of(), List.of(new Drift("a", "1", null, Change.REMOVED))),
                Arguments.of(Map.of(), Map.of("b", "2"), List.of(new Drift("b", null, "2", Change.ADDED))),
                Arguments.of(Map.of("a", "1", "c", "3"), Map.of("b", "2", "c", "4"), List.of(
                        new Drift("a", "1", null, Change.REMOVED),
                        new Drift("b", null, "2", Change.ADDED),
                        new Drift("c", "3", "4", Change.CHANGED))));
    }

    @ParameterizedTest
    @MethodSource("diffs")
    void diff_listsAddedRemovedAndChangedFactsInKeyOrder(Map<String, String> expected, Map<String, String> actual,
                                                          List<Drift> drift) {
        assertThat(Fingerprint.ofMap(expected).diff(Fingerprint.ofMap(actual))).isEqualTo(drift);
    }
}
