package dev.phoenix.proof;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phoenix.audit.EngineHarness;
import dev.phoenix.chaos.ChaosExecutor;
import dev.phoenix.fakes.FakeFleet;
import dev.phoenix.model.Mutability;
import dev.phoenix.report.ChaosResult;
import dev.phoenix.report.ChaosVerdict;
import dev.phoenix.report.GroupProof;
import dev.phoenix.report.ProofStatus;
import dev.phoenix.report.Scorecard;
import dev.phoenix.report.ScorecardJson;
import dev.phoenix.testing.MutableClock;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reproducibility proofs over several runs on the real engine with fake fleets: a group proven
 * yesterday and rolled out to a new image today is stale, {@code stale-first} picks it and leaves
 * the fresh group alone, and after the experiment it is proven again.
 */
@ExtendWith(VertxExtension.class)
class ProofFreshnessTest {

    private static final Instant DAY_1 = Instant.parse("2026-11-30T10:00:00Z");
    private static final Duration TTL = Duration.ofDays(7);

    @TempDir
    Path store;

    private static FakeFleet fleet(String name, String provenance) {
        FakeFleet f = new FakeFleet(name).image(provenance, Map.of("app.version", provenance));
        for (int i = 0; i < 3; i++) {
            f.add(Mutability.IMMUTABLE, true, provenance);
        }
        return f;
    }

    private static GroupProof proof(Scorecard s, String group) {
        return s.proofs().stream().filter(p -> p.group().equals(group)).findFirst().orElseThrow();
    }

    @Test
    void rolloutMakesAProvenGroupStale_staleFirstPicksIt_andTheExperimentProvesItAgain(Vertx vertx, VertxTestContext test) {
        FakeFleet web = fleet("web", "web:1.0");
        FakeFleet api = fleet("api", "api:1.0");
        MutableClock clock = new MutableClock(DAY_1);
        EngineHarness h = new EngineHarness(vertx, store, 3);
        h.clock = clock;
        h.proofs = true;
        h.history = true;
        var groups = List.of(web.runtime(), api.runtime());
        var everyGroup = EngineHarness.chaos(Map.of("enabled", true, "replace-timeout", "2s", "max-per-group", 1));
        var staleFirst = EngineHarness.chaos(Map.of("enabled", true, "replace-timeout", "2s", "max-per-group", 1,
                "target", "stale-first"));
        h.audit(groups)
                .compose(before -> {
                    test.verify(() -> assertThat(before.proofs()).extracting(GroupProof::status)
                            .containsExactly(ProofStatus.NEVER_PROVEN, ProofStatus.NEVER_PROVEN));
                    return h.run(groups, everyGroup, ChaosExecutor.unleashed()); // day 1: both groups proven
                })
                .compose(day1 -> {
                    test.verify(() -> {
                        assertThat(day1.chaos()).extracting(ChaosResult::verdict).containsOnly(ChaosVerdict.REPRODUCED);
                        GroupProof p = proof(day1, "web");
                        assertThat(p.status()).isEqualTo(ProofStatus.PROVEN);
                        assertThat(p.provenance()).isEqualTo("web:1.0");
                        assertThat(p.runId()).isEqualTo(day1.runId());
                        assertThat(p.victim()).isEqualTo(day1.chaos().stream().filter(c -> c.group().equals("web")).findFirst()
                                .orElseThrow().victim());
                        assertThat(p.expiresAt()).isEqualTo(p.provenAt().plus(TTL));
                    });
                    // day 2: web is rolled out to a new image; api is unchanged
                    clock.set(DAY_1.plus(Duration.ofDays(1)));
                    web.image("web:2.0", Map.of("app.version", "web:2.0"));
                    for (String id : web.ids()) {
                        web.remove(id);
                    }
                    for (int i = 0; i < 3; i++) {
                        web.add(Mutability.IMMUTABLE, true, "web:2.0");
                    }
                    return h.audit(groups);
                })
                .compose(day2 -> {
                    test.verify(() -> {
                        GroupProof p = proof(day2, "web");
                        assertThat(p.status()).isEqualTo(ProofStatus.STALE);
                        assertThat(p.stale()).isEqualTo("provenance-changed");
                        assertThat(p.provenances()).containsExactly("web:2.0");
                        assertThat(p.provenance()).isEqualTo("web:1.0");
                        assertThat(proof(day2, "api").status()).isEqualTo(ProofStatus.PROVEN);
                    });
                    return h.run(groups, staleFirst, ChaosExecutor.unleashed());
                })
                .onComplete(test.succeeding(after -> test.verify(() -> {
                    assertThat(web.replaced()).hasSize(2);
                    assertThat(api.replaced()).hasSize(1); // only on day 1: stale-first left the fresh group alone
                    ChaosResult apiSkip = after.chaos().stream().filter(c -> c.group().equals("api")).findFirst().orElseThrow();
                    assertThat(apiSkip.verdict()).isEqualTo(ChaosVerdict.SKIPPED);
                    assertThat(apiSkip.guard()).isEqualTo("stale-first");
                    assertThat(h.chaosRun.picks()).containsOnlyKeys(web.replaced().get(1));
                    assertThat(h.chaosRun.picks().values().iterator().next()).startsWith("stale-first: STALE: ");
                    GroupProof p = proof(after, "web");
                    assertThat(p.status()).isEqualTo(ProofStatus.PROVEN);
                    assertThat(p.provenance()).isEqualTo("web:2.0");
                    assertThat(p.runId()).isEqualTo(after.runId());
                    // the proofs are part of the scorecard's JSON and of the store
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    ScorecardJson.write(after, out);
                    assertThat(ScorecardJson.read(new ByteArrayInputStream(out.toByteArray())).proofs()).isEqualTo(after.proofs());
                    assertThat(Files.readString(store.resolve("proofs/book.json"))).contains("web:1.0", "web:2.0", "api:1.0");
                    test.completeNow();
                })));
    }

    @Test
    void proofOlderThanTheTtl_isStaleAsExpired(Vertx vertx, VertxTestContext test) {
        FakeFleet web = fleet("web", "web:1.0");
        MutableClock clock = new MutableClock(DAY_1);
        EngineHarness h = new EngineHarness(vertx, store, 3);
        h.clock = clock;
        h.proofs = true;
        var groups = List.of(web.runtime());
        h.run(groups, EngineHarness.chaos(Map.of("enabled", true, "replace-timeout", "2s", "proof-ttl", "2d")),
                        ChaosExecutor.unleashed())
                .compose(day1 -> {
                    clock.set(DAY_1.plus(Duration.ofDays(2)).plusSeconds(1));
                    // the same config a day later, with chaos off: an audit that assesses proofs against the same TTL
                    return h.run(groups, EngineHarness.chaos(Map.of("enabled", false, "proof-ttl", "2d")), ChaosExecutor.leashed());
                })
                .onComplete(test.succeeding(later -> test.verify(() -> {
                    GroupProof p = proof(later, "web");
                    assertThat(p.status()).isEqualTo(ProofStatus.STALE);
                    assertThat(p.stale()).isEqualTo("expired");
                    assertThat(p.reason()).contains("chaos.proof-ttl PT48H");
                    test.completeNow();
                })));
    }

    @Test
    void unreadableProofBook_stopsStaleFirst_andInjectsNothing(Vertx vertx, VertxTestContext test) throws Exception {
        Files.createDirectories(store.resolve("proofs"));
        Files.writeString(store.resolve("proofs/book.json"), "{not json");
        FakeFleet web = fleet("web", "web:1.0");
        EngineHarness h = new EngineHarness(vertx, store, 3);
        h.proofs = true;
        h.run(List.of(web.runtime()), EngineHarness.chaos(Map.of("enabled", true, "target", "stale-first")), ChaosExecutor.unleashed())
                .onComplete(test.succeeding(s -> test.verify(() -> {
                    assertThat(web.replaced()).isEmpty();
                    assertThat(s.chaos()).singleElement().satisfies(c -> {
                        assertThat(c.guard()).isEqualTo("stale-first");
                        assertThat(c.reason()).startsWith("not injecting: stale-first: the group's proofs cannot be read (proof book ");
                    });
                    assertThat(s.proofs()).isEmpty(); // the scorecard says nothing rather than something false
                    test.completeNow();
                })));
    }
}
