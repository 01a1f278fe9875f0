package dev.phoenix.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phoenix.audit.EngineHarness;
import dev.phoenix.fakes.FakeFleet;
import dev.phoenix.model.Drift;
import dev.phoenix.model.Mutability;
import dev.phoenix.report.ChaosResult;
import dev.phoenix.report.ChaosVerdict;
import dev.phoenix.report.ProofStatus;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code chaos.verify: twice}: the replacement is replaced again and the two replacements are compared. */
@ExtendWith(VertxExtension.class)
class VerifyTwiceTest {

    private static final Map<String, Object> TWICE = Map.of("enabled", true, "replace-timeout", "2s", "verify", "twice");

    @TempDir
    Path store;

    private static FakeFleet web() {
        FakeFleet fleet = new FakeFleet("web").image("web:1", Map.of("app.version", "2.4.1"));
        for (int i = 0; i < 3; i++) {
            fleet.add(Mutability.IMMUTABLE, true, "web:1");
        }
        return fleet;
    }

    @Test
    void deterministicBoot_isReproducedTwice(Vertx vertx, VertxTestContext test) {
        FakeFleet fleet = web();
        EngineHarness h = new EngineHarness(vertx, store, 1);
        h.proofs = true;
        h.run(List.of(fleet.runtime()), EngineHarness.chaos(TWICE), ChaosExecutor.unleashed())
                .onComplete(test.succeeding(s -> test.verify(() -> {
                    ChaosResult r = s.chaos().get(0);
                    assertThat(r.verdict()).isEqualTo(ChaosVerdict.REPRODUCED);
                    assertThat(fleet.replaced()).hasSize(2).containsExactly(r.victim(), r.replacement());
                    assertThat(r.reason()).contains("a second replacement, web-5, matches the first: the boot is deterministic");
                    assertThat(s.proofs()).singleElement().satisfies(p -> assertThat(p.status()).isEqualTo(ProofStatus.PROVEN));
                    test.completeNow();
                })));
    }

    @Test
    void bootWritingARandomValue_isNondeterministic_namingTheFact_andProvesNothing(Vertx vertx, VertxTestContext test) {
        FakeFleet fleet = web();
        EngineHarness h = new EngineHarness(vertx, store, 1);
        h.proofs = true;
        h.audit(List.of(fleet.runtime()))
                .compose(baselined -> {
                    fleet.nondeterministic("files./etc/app.conf.sha256");
                    return h.run(List.of(fleet.runtime()), EngineHarness.chaos(TWICE), ChaosExecutor.unleashed());
                })
                .onComplete(test.succeeding(s -> test.verify(() -> {
                    ChaosResult r = s.chaos().get(0);
                    assertThat(r.verdict()).isEqualTo(ChaosVerdict.NONDETERMINISTIC);
                    assertThat(r.diff()).extracting(Drift::fact).containsExactly("files./etc/app.conf.sha256");
                    assertThat(r.diff().get(0).expected()).isEqualTo("boot-web-4");
                    assertThat(r.diff().get(0).actual()).isEqualTo("boot-web-5");
                    assertThat(r.reason()).contains("two replacements built from web:1 differ from each other (web-4 and web-5) in "
                            + "files./etc/app.conf.sha256");
                    assertThat(s.proofs()).singleElement().satisfies(p -> assertThat(p.status()).isEqualTo(ProofStatus.NEVER_PROVEN));
                    test.completeNow();
                })));
    }

    @Test
    void secondReplacementFailing_isReplacementFailed(Vertx vertx, VertxTestContext test) {
        FakeFleet fleet = web();
        EngineHarness h = new EngineHarness(vertx, store, 1);
        ChaosExecutor onceOnly = new ChaosExecutor() {
            int calls;

            @Override
            public io.vertx.core.Future<dev.phoenix.model.Member> replace(dev.phoenix.fleet.Fleet f, dev.phoenix.model.Member victim,
                                                                           java.time.Duration timeout) {
                return calls++ == 0 ? f.replace(victim, timeout) : io.vertx.core.Future.failedFuture("quota exceeded");
            }
        };
        h.run(List.of(fleet.runtime()), EngineHarness.chaos(TWICE), onceOnly)
                .onComplete(test.succeeding(s -> test.verify(() -> {
                    ChaosResult r = s.chaos().get(0);
                    assertThat(r.verdict()).isEqualTo(ChaosVerdict.REPLACEMENT_FAILED);
                    assertThat(r.reason()).contains("verify twice: replacing web-4 (the replacement of " + r.victim()
                            + ", REPRODUCED) failed: quota exceeded");
                    test.completeNow();
                })));
    }
}
