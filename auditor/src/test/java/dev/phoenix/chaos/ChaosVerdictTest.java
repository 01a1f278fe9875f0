package dev.phoenix.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phoenix.audit.EngineHarness;
import dev.phoenix.fakes.FakeFleet;
import dev.phoenix.model.Member;
import dev.phoenix.model.Mutability;
import dev.phoenix.report.ChaosResult;
import dev.phoenix.report.ChaosVerdict;
import dev.phoenix.report.MemberStatus;
import dev.phoenix.report.Scorecard;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The chaos phase's verdicts, on the real engine with named fake fleets. */
@ExtendWith(VertxExtension.class)
class ChaosVerdictTest {

    private static final Map<String, String> IMAGE = Map.of("app.version", "2.4.1", "config.workers", "4");
    private static final Map<String, Object> ON = Map.of("enabled", true, "replace-timeout", "2s");

    @TempDir
    Path store;

    private static FakeFleet web(int members) {
        FakeFleet fleet = new FakeFleet("web").image("web:1", IMAGE);
        for (int i = 0; i < members; i++) {
            fleet.add(Mutability.IMMUTABLE, true, "web:1");
        }
        return fleet;
    }

    private static ChaosResult only(Scorecard s) {
        assertThat(s.chaos()).hasSize(1);
        return s.chaos().get(0);
    }

    @Test
    void cleanVictim_isReproduced_withItsTimeToReplace(Vertx vertx, VertxTestContext test) {
        FakeFleet fleet = web(3);
        EngineHarness h = new EngineHarness(vertx, store, 1);
        h.run(List.of(fleet.runtime()), EngineHarness.chaos(ON), ChaosExecutor.unleashed())
                .onComplete(test.succeeding(s -> test.verify(() -> {
                    ChaosResult r = only(s);
                    assertThat(r.verdict()).isEqualTo(ChaosVerdict.REPRODUCED);
                    assertThat(r.replacement()).isNotNull().isNotEqualTo(r.victim());
                    assertThat(r.timeToReplaceMs()).isNotNull().isGreaterThanOrEqualTo(0);
                    assertThat(r.timeToMatchMs()).isNotNull();
                    assertThat(fleet.replaced()).containsExactly(r.victim());
                    assertThat(s.mode()).isEqualTo("unleashed");
                    assertThat(s.score().reproducibility()).isEqualTo(100);
                    test.completeNow();
                })));
    }

    @Test
    void victimChangedInPlace_diverges_becauseItsReplacementMatchesTheImage(Vertx vertx, VertxTestContext test) {
        FakeFleet fleet = web(3);
        EngineHarness h = new EngineHarness(vertx, store, 1);
        String changed = fleet.members().keySet().iterator().next();
        h.audit(List.of(fleet.runtime()))
                .compose(first -> {
                    fleet.set(changed, "config.workers", "8");
                    return h.run(List.of(fleet.runtime()), EngineHarness.chaos(Map.of("enabled", true, "target", "mutated-first")),
                            ChaosExecutor.unleashed());
                })
                .onComplete(test.succeeding(s -> test.verify(() -> {
                    assertThat(s.members().stream().filter(m -> m.id().equals(changed)).findFirst().orElseThrow().status())
                            .isEqualTo(MemberStatus.MUTATED);
                    ChaosResult r = only(s);
                    assertThat(r.victim()).isEqualTo(changed);
                    assertThat(r.verdict()).isEqualTo(ChaosVerdict.DIVERGED);
                    assertThat(r.replacementMatchesGolden()).isTrue();
                    assertThat(r.reason()).contains("changed in place").contains("matches the image");
                    assertThat(r.diff()).singleElement().satisfies(d -> {
                        assertThat(d.fact()).isEqualTo("config.workers");
                        assertThat(d.expected()).isEqualTo("8");
                        assertThat(d.actual()).isEqualTo("4");
                    });
                    test.completeNow();
                })));
    }

    @Test
    void providerRefusingToReplace_isReplacementFailed_andStopsTheRestOfTheRun(Vertx vertx, VertxTestContext test) {
        FakeFleet web = web(3).replaceMode(FakeFleet.ReplaceMode.FAILS);
        FakeFleet api = new FakeFleet("api").image("api:1", IMAGE);
        for (int i = 0; i < 3; i++) {
            api.add(Mutability.IMMUTABLE, true, "api:1");
        }
        EngineHarness h = new EngineHarness(vertx, store, 1);
        h.run(List.of(web.runtime(), api.runtime()), EngineHarness.chaos(ON), ChaosExecutor.unleashed())
                .onComplete(test.succeeding(s -> test.verify(() -> {
                    assertThat(s.chaos()).extracting(ChaosResult::verdict)
                            .containsExactly(ChaosVerdict.REPLACEMENT_FAILED, ChaosVerdict.SKIPPED);
                    assertThat(s.chaos().get(0).reason()).contains("the provider refused to terminate");
                    assertThat(s.chaos().get(1).reason()).startsWith("not injecting: halt-after-failure");
                    assertThat(api.replaced()).isEmpty();
                    test.completeNow();
                })));
    }

    @Test
    void replacementNeverInService_timesOut(Vertx vertx, VertxTestContext test) {
        FakeFleet fleet = web(3).replaceMode(FakeFleet.ReplaceMode.NEVER_COMPLETES);
        new EngineHarness(vertx, store, 1).run(List.of(fleet.runtime()),
                        EngineHarness.chaos(Map.of("enabled", true, "replace-timeout", "300ms")), ChaosExecutor.unleashed())
                .onComplete(test.succeeding(s -> test.verify(() -> {
                    assertThat(only(s).verdict()).isEqualTo(ChaosVerdict.TIMED_OUT);
                    assertThat(only(s).reason()).contains("in service within PT0.3S");
                    test.completeNow();
                })));
    }

    @Test
    void replacementThatNeverAnswers_timesOutWithTheLastProbeError(Vertx vertx, VertxTestContext test) {
        FakeFleet fleet = web(3).replacementsAnswer(false);
        new EngineHarness(vertx, store, 1).run(List.of(fleet.runtime()),
                        EngineHarness.chaos(Map.of("enabled", true, "replace-timeout", "700ms")), ChaosExecutor.unleashed())
                .onComplete(test.succeeding(s -> test.verify(() -> {
                    ChaosResult r = only(s);
                    assertThat(r.verdict()).isEqualTo(ChaosVerdict.TIMED_OUT);
                    assertThat(r.replacement()).isNotNull();
                    assertThat(r.reason()).contains("did not answer its probes").contains("does not answer");
                    test.completeNow();
                })));
    }

    @Test
    void replacementFromANewProvenance_isJudgedAgainstThatProvenance_notTheVictim(Vertx vertx, VertxTestContext test) {
        FakeFleet fleet = web(3).image("web:2", Map.of("app.version", "2.5.0", "config.workers", "4")).replacementProvenance("web:2");
        EngineHarness h = new EngineHarness(vertx, store, 1);
        h.run(List.of(fleet.runtime()), EngineHarness.chaos(ON), ChaosExecutor.unleashed())
                .compose(first -> {
                    test.verify(() -> {
                        // nothing was compared: its own verdict, outside reproducibility
                        assertThat(only(first).verdict()).isEqualTo(ChaosVerdict.ADOPTED);
                        assertThat(only(first).reason()).contains("first member of that provenance");
                        assertThat(first.score().reproducibility()).isNull();
                    });
                    // the next replacement from web:2 is compared with web:2's golden
                    return h.run(List.of(fleet.runtime()), EngineHarness.chaos(ON), ChaosExecutor.unleashed());
                })
                .onComplete(test.succeeding(s -> test.verify(() -> {
                    ChaosResult r = only(s);
                    assertThat(r.verdict()).isEqualTo(ChaosVerdict.REPRODUCED);
                    test.completeNow();
                })));
    }

    @Test
    void leashed_recordsWhatWouldHappen_andTouchesNothing(Vertx vertx, VertxTestContext test) {
        FakeFleet fleet = web(3);
        new EngineHarness(vertx, store, 1).run(List.of(fleet.runtime()), EngineHarness.chaos(ON), ChaosExecutor.leashed())
                .onComplete(test.succeeding(s -> test.verify(() -> {
                    ChaosResult r = only(s);
                    assertThat(r.verdict()).isEqualTo(ChaosVerdict.SKIPPED);
                    assertThat(r.reason()).contains("leashed dry run: would have replaced " + r.victim());
                    assertThat(fleet.replaced()).isEmpty();
                    assertThat(s.mode()).isEqualTo("leashed");
                    assertThat(s.score().reproducibility()).isNull();
                    test.completeNow();
                })));
    }

    @Test
    void optedInMutableHost_isNeverReplaced(Vertx vertx, VertxTestContext test) {
        FakeFleet hosts = new FakeFleet("hosts");
        Member host = hosts.add(Mutability.MUTABLE, true, "");
        new EngineHarness(vertx, store, 1).run(List.of(hosts.runtime()), EngineHarness.chaos(ON), ChaosExecutor.unleashed())
                .onComplete(test.succeeding(s -> test.verify(() -> {
                    assertThat(only(s).verdict()).isEqualTo(ChaosVerdict.SKIPPED);
                    assertThat(only(s).reason()).isEqualTo("not injecting: immutable-only: " + host.id()
                            + " is mutable; only immutable members are replaced");
                    assertThat(hosts.replaced()).isEmpty();
                    test.completeNow();
                })));
    }

    @Test
    void sameSeed_drawsTheSameVictims(Vertx vertx, VertxTestContext test) {
        FakeFleet a = web(6);
        FakeFleet b = web(6);
        EngineHarness ha = new EngineHarness(vertx, store.resolve("a"), 77);
        EngineHarness hb = new EngineHarness(vertx, store.resolve("b"), 77);
        ha.run(List.of(a.runtime()), EngineHarness.chaos(ON), ChaosExecutor.leashed())
                .compose(sa -> hb.run(List.of(b.runtime()), EngineHarness.chaos(ON), ChaosExecutor.leashed())
                        .map(sb -> List.of(sa, sb)))
                .onComplete(test.succeeding(both -> test.verify(() -> {
                    assertThat(only(both.get(0)).victim()).isEqualTo(only(both.get(1)).victim());
                    test.completeNow();
                })));
    }
}
