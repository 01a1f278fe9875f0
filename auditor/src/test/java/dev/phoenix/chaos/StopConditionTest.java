package dev.phoenix.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phoenix.audit.EngineHarness;
import dev.phoenix.fakes.FakeFleet;
import dev.phoenix.model.Mutability;
import dev.phoenix.report.ChaosResult;
import dev.phoenix.report.ChaosVerdict;
import dev.phoenix.spi.ProviderContext;
import dev.phoenix.spi.Registry;
import dev.phoenix.spi.Sections;
import dev.phoenix.spi.Settings;
import dev.phoenix.spi.TargetPolicy;
import dev.phoenix.stop.StopCondition;
import dev.phoenix.stop.StopConditionFactory;
import dev.phoenix.stop.StopConditionSpec;
import dev.phoenix.testing.Requirements;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chaos stop conditions on a health endpoint served by a real HTTP server on loopback: healthy
 * lets chaos go, unhealthy or unanswerable stops it (fail closed) with the guard and the condition
 * named, and a condition that trips while a replacement is awaited halts the rest of the run.
 */
@ExtendWith(VertxExtension.class)
class StopConditionTest {

    @TempDir
    Path store;

    EngineHarness h;
    HttpServer health;
    final AtomicInteger status = new AtomicInteger(200);
    ProviderContext ctx;

    @BeforeEach
    void harness(Vertx vertx) throws Exception {
        h = new EngineHarness(vertx, store, 5);
        health = vertx.createHttpServer().requestHandler(r -> r.response().setStatusCode(status.get()).end("ok"))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
        ctx = ProviderContext.create(vertx, Clock.systemUTC(), 1, Map.of()).withTargets(TargetPolicy.loopbackOnly());
    }

    private StopCondition http(String url) {
        StopConditionFactory f = Registry.load(StopConditionFactory.class, "stop condition").get("http", "test");
        return f.create(new StopConditionSpec(Settings.of("chaos.stop-conditions[0].http", Map.of("url", url, "expect", 200,
                "timeout", "2s")), Sections.none()), ctx);
    }

    private String url() {
        return "http://127.0.0.1:" + health.actualPort() + "/health";
    }

    @Test
    void healthyEndpoint_letsChaosGo(VertxTestContext t) {
        h.stopConditions.add(http(url()));
        h.group(FakeFleet.of("web", 3, Mutability.IMMUTABLE, true).runtime());
        h.run().onComplete(t.succeeding(card -> t.verify(() -> {
            assertThat(h.executor.calls()).hasSize(1);
            assertThat(card.chaos()).extracting(ChaosResult::verdict).containsExactly(ChaosVerdict.REPRODUCED);
            t.completeNow();
        })));
    }

    @Test
    void unhealthyEndpoint_stopsChaos_withTheGuardAndTheConditionNamed(VertxTestContext t) {
        status.set(503);
        h.stopConditions.add(http(url()));
        h.group(FakeFleet.of("web", 3, Mutability.IMMUTABLE, true).runtime());
        h.run().onComplete(t.succeeding(card -> t.verify(() -> {
            assertThat(h.executor.calls()).as("terminations").isEmpty();
            assertThat(card.chaos()).singleElement().satisfies(c -> {
                assertThat(c.verdict()).isEqualTo(ChaosVerdict.SKIPPED);
                assertThat(c.guard()).isEqualTo("stop-condition");
                assertThat(c.reason()).startsWith("not injecting: stop-condition: http GET " + url() + " expects 200: ")
                        .contains("answered HTTP 503");
            });
            t.completeNow();
        })));
    }

    @Test
    void endpointThatCannotBeAsked_stopsChaos_failingClosed(VertxTestContext t) {
        int port = health.actualPort();
        health.close().onComplete(t.succeeding(v -> {
            h.stopConditions.add(http("http://127.0.0.1:" + port + "/health"));
            h.group(FakeFleet.of("web", 3, Mutability.IMMUTABLE, true).runtime());
            h.run().onComplete(t.succeeding(card -> t.verify(() -> {
                assertThat(h.executor.calls()).isEmpty();
                assertThat(card.chaos()).singleElement().satisfies(c -> {
                    assertThat(c.guard()).isEqualTo("stop-condition");
                    assertThat(c.reason()).contains("cannot be evaluated");
                });
                t.completeNow();
            })));
        }));
    }

    @Test
    void conditionTrippingRightBeforeTheTermination_stopsIt(VertxTestContext t) {
        // healthy for the guard chain, unhealthy by the time the ledger has recorded the claim
        AtomicInteger asked = new AtomicInteger();
        StopCondition flipping = new StopCondition() {
            @Override
            public String describe() {
                return "test condition";
            }

            @Override
            public Future<java.util.Optional<String>> check() {
                return Future.succeededFuture(asked.incrementAndGet() == 1 ? java.util.Optional.empty()
                        : java.util.Optional.of("error rate 40%"));
            }
        };
        h.stopConditions.add(flipping);
        h.group(FakeFleet.of("web", 3, Mutability.IMMUTABLE, true).runtime());
        h.run().onComplete(t.succeeding(card -> t.verify(() -> {
            assertThat(h.executor.calls()).isEmpty();
            assertThat(card.chaos()).singleElement().satisfies(c -> {
                assertThat(c.guard()).isEqualTo("stop-condition");
                assertThat(c.reason()).isEqualTo("not injecting: stop-condition: test condition: error rate 40% "
                        + "(engaged while the termination was being recorded)");
            });
            t.completeNow();
        })));
    }

    @Test
    void conditionTrippingWhileAReplacementIsAwaited_haltsTheRestOfTheRun(VertxTestContext t) {
        h.chaos.put("watch-interval", "50ms");
        h.stopConditions.add(http(url()));
        // the first replacement takes a while; the health endpoint goes bad meanwhile
        h.executor.beforeReplace = victim -> {
            status.set(500);
            return h.vertx.timer(400).mapEmpty();
        };
        h.group(FakeFleet.of("a", 3, Mutability.IMMUTABLE, true).runtime());
        h.group(FakeFleet.of("b", 3, Mutability.IMMUTABLE, true).runtime());
        h.run().onComplete(t.succeeding(card -> t.verify(() -> {
            assertThat(h.executor.calls()).as("only the first termination").hasSize(1);
            assertThat(card.chaos()).hasSize(2);
            assertThat(card.chaos().get(1)).satisfies(c -> {
                assertThat(c.verdict()).isEqualTo(ChaosVerdict.SKIPPED);
                assertThat(c.group()).isEqualTo("b");
                assertThat(c.reason()).contains("stop-condition").contains("answered HTTP 500");
            });
            t.completeNow();
        })));
    }

    @Test
    void prometheusQueryReturningSeries_stopsChaos_againstARealPrometheus(Vertx vertx, VertxTestContext t) throws Exception {
        Path binary = Requirements.executable("/usr/bin/prometheus");
        if (binary == null) {
            return;
        }
        try (PrometheusServer prometheus = PrometheusServer.start(vertx, binary, store.resolve("prometheus"))) {
            StopConditionFactory f = Registry.load(StopConditionFactory.class, "stop condition").get("prometheus", "test");
            StopCondition errors = f.create(new StopConditionSpec(Settings.of("chaos.stop-conditions[0].prometheus",
                    Map.of("url", prometheus.url(), "query", "phoenix_test_errors > 0")), Sections.none()), ctx);
            prometheus.target().set(0);
            assertThat(prometheus.awaitSample("phoenix_test_errors", 0)).isTrue();
            assertThat(errors.check().toCompletionStage().toCompletableFuture().get()).as("quiet: no series").isEmpty();
            prometheus.target().set(3);
            assertThat(prometheus.awaitSample("phoenix_test_errors", 3)).isTrue();
            assertThat(errors.check().toCompletionStage().toCompletableFuture().get()).get(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                    .contains("returned 1 series");
            h.stopConditions.add(errors);
            h.group(FakeFleet.of("web", 3, Mutability.IMMUTABLE, true).runtime());
            var card = h.run().toCompletionStage().toCompletableFuture().get();
            assertThat(h.executor.calls()).isEmpty();
            assertThat(card.chaos()).singleElement().satisfies(c -> {
                assertThat(c.guard()).isEqualTo("stop-condition");
                assertThat(c.reason()).contains("prometheus " + prometheus.url() + " query phoenix_test_errors > 0");
            });
        }
        t.completeNow();
    }
}
