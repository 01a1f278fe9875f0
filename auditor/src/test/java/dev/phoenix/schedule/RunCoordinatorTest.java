package dev.phoenix.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phoenix.testing.MutableClock;
import dev.phoenix.report.Scorecard;
import dev.phoenix.history.HistorySettings;
import dev.phoenix.store.LocalObjectStore;
import dev.phoenix.history.RunHistory;
import dev.phoenix.history.Scorecards;
import dev.phoenix.history.StoredRunHistory;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** What the coordinator answers and keeps when runs are refused or fail. */
@ExtendWith(VertxExtension.class)
class RunCoordinatorTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-04T10:30:00Z"));

    private RunHistory history(Vertx vertx, Path root) {
        return new StoredRunHistory(new LocalObjectStore(root, vertx.createSharedWorkerExecutor("history-test")),
                HistorySettings.defaults(), clock);
    }

    /** The coordinator, deployed as serve deploys it. */
    private static RunCoordinator deployed(Vertx vertx, RunCoordinator runs) throws Exception {
        vertx.deployVerticle(runs).toCompletionStage().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
        return runs;
    }

    private static RunCoordinator.Trigger trigger(RunCoordinator runs, RunKind kind, String by) throws Exception {
        return runs.trigger(kind, by).toCompletionStage().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Test
    void launchThatFails_isKeptWithItsError(Vertx vertx, VertxTestContext t) throws Exception {
        RunCoordinator runs = deployed(vertx, new RunCoordinator(clock, new Random(1),
                (id, kind, cut) -> Future.failedFuture("baseline store/baselines/web.json is corrupt"), history(vertx, dir)));
        RunCoordinator.Trigger trigger = trigger(runs, RunKind.AUDIT, "api");
        trigger.done().onComplete(t.failing(e -> t.verify(() -> {
            assertThat(runs.failed(trigger.runId())).hasValueSatisfying(f -> {
                assertThat(f.kind()).isEqualTo(RunKind.AUDIT);
                assertThat(f.trigger()).isEqualTo("api");
                assertThat(f.startedAt()).isNotNull();
                assertThat(f.error()).isEqualTo("baseline store/baselines/web.json is corrupt");
            });
            assertThat(runs.stats().lastError()).hasValue("baseline store/baselines/web.json is corrupt");
            t.completeNow();
        })));
    }

    @Test
    void scorecardTheStoreRefuses_isKeptAsFailed(Vertx vertx, VertxTestContext t) throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("file"), "a file where the store should be");
        RunCoordinator runs = deployed(vertx, new RunCoordinator(clock, new Random(1),
                (id, kind, cut) -> Future.succeededFuture(Scorecards.at(clock.instant(), id, 90)), history(vertx, notADirectory)));
        RunCoordinator.Trigger trigger = trigger(runs, RunKind.AUDIT, "schedule");
        trigger.done().onComplete(t.succeeding(card -> t.verify(() -> {
            assertThat(runs.failed(trigger.runId())).hasValueSatisfying(f ->
                    assertThat(f.error()).startsWith("the scorecard could not be recorded in "));
            t.completeNow();
        })));
    }

    @Test
    void refusals_sayWhyAsAType(Vertx vertx, VertxTestContext t) throws Exception {
        Promise<Scorecard> never = Promise.promise();
        RunCoordinator runs = deployed(vertx, new RunCoordinator(clock, new Random(1), (id, kind, cut) -> {
            cut.onComplete(x -> never.tryFail("cut short"));
            return never.future();
        }, history(vertx, dir)));
        RunCoordinator.Trigger first = trigger(runs, RunKind.CHAOS, "api");
        RunCoordinator.Trigger waiting = trigger(runs, RunKind.AUDIT, "api");
        RunCoordinator.Trigger busy = trigger(runs, RunKind.CHAOS, "api");
        assertThat(first.accepted()).isTrue();
        assertThat(busy.refusal()).isEqualTo(RunCoordinator.Refusal.BUSY);
        assertThat(busy.reason()).contains("a chaos run is still in progress (" + first.runId());
        runs.shutdown(Duration.ofMillis(10)).compose(v -> runs.trigger(RunKind.AUDIT, "api")).onComplete(t.succeeding(late -> t.verify(() -> {
            assertThat(late.refusal()).isEqualTo(RunCoordinator.Refusal.SHUTTING_DOWN);
            assertThat(runs.failed(waiting.runId())).as("dropped while it waited").hasValueSatisfying(f -> {
                assertThat(f.startedAt()).isNull();
                assertThat(f.error()).isEqualTo("Phoenix shut down before run " + waiting.runId() + " started");
            });
            assertThat(runs.failed()).extracting(RunCoordinator.FailedRun::runId).containsExactly(waiting.runId(), first.runId());
            t.completeNow();
        })));
    }
}
