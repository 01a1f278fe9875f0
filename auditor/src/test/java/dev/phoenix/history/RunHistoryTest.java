package dev.phoenix.history;

import dev.phoenix.store.LocalObjectStore;
import static org.assertj.core.api.Assertions.assertThat;

import dev.phoenix.testing.MutableClock;
import dev.phoenix.report.Scorecard;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class RunHistoryTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-10T00:00:00Z"));

    private Future<Void> saveDaily(RunHistory history, int days) {
        Future<Void> chain = Future.succeededFuture();
        for (int i = 0; i < days; i++) {
            Scorecard s = Scorecards.at(Instant.parse("2026-03-01T10:00:00Z").plus(Duration.ofDays(i)), "r" + i, 70 + i);
            chain = chain.compose(v -> history.save(s));
        }
        return chain;
    }

    @Test
    void savedRuns_areListedNewestFirstAndReadBack(Vertx vertx, VertxTestContext t) {
        RunHistory history = new StoredRunHistory(new LocalObjectStore(dir, vertx.createSharedWorkerExecutor("t")),
                new HistorySettings(0, Duration.ZERO), clock);
        saveDaily(history, 3)
                .compose(v -> history.list(10))
                .compose(runs -> {
                    t.verify(() -> {
                        assertThat(runs).extracting(r -> r.score().overall()).containsExactly(72, 71, 70);
                        assertThat(runs.get(0).statuses()).containsEntry(dev.phoenix.report.MemberStatus.DRIFTED, 1);
                        assertThat(runs.get(0).attention()).extracting(RunSummary.Attention::id).containsExactly("db-<1>");
                    });
                    return history.get(runs.get(1).runId()).map(card -> {
                        t.verify(() -> assertThat(card).get().extracting(Scorecard::runId).isEqualTo(runs.get(1).runId()));
                        return null;
                    });
                })
                .compose(v -> history.latest())
                .onComplete(t.succeeding(latest -> t.verify(() -> {
                    assertThat(latest).get().extracting(s -> s.score().overall()).isEqualTo(72);
                    t.completeNow();
                })));
    }

    @Test
    void retention_keepsTheNewestByCountAndAge(Vertx vertx, VertxTestContext t) {
        RunHistory history = new StoredRunHistory(new LocalObjectStore(dir, vertx.createSharedWorkerExecutor("t")),
                new HistorySettings(5, Duration.ofDays(7)), clock);
        // runs on Mar 1..8; now is Mar 10: older than 7 days is before Mar 3 10:00 -> Mar 1, 2 go by age;
        // keep 5 -> Mar 8..4 stay, Mar 3 goes by count
        saveDaily(history, 8)
                .compose(v -> history.list(100))
                .onComplete(t.succeeding(runs -> t.verify(() -> {
                    assertThat(runs).extracting(r -> r.startedAt().toString().substring(0, 10))
                            .containsExactly("2026-03-08", "2026-03-07", "2026-03-06", "2026-03-05", "2026-03-04");
                    try (Stream<Path> left = Files.list(dir.resolve("runs"))) {
                        assertThat(left).hasSize(5);
                    }
                    t.completeNow();
                })));
    }

    @Test
    void runIdsThatAreNotRunIds_areNeverLookedUp(Vertx vertx, VertxTestContext t) {
        RunHistory history = new StoredRunHistory(new LocalObjectStore(dir, vertx.createSharedWorkerExecutor("t")),
                HistorySettings.defaults(), clock);
        history.get("../../etc/passwd").onComplete(t.succeeding(found -> t.verify(() -> {
            assertThat(found).isEmpty();
            t.completeNow();
        })));
    }

    @Test
    void aScorecardWithoutItsSummary_isNotListed(Vertx vertx, VertxTestContext t) throws Exception {
        // what a crash between the two writes leaves behind
        Files.createDirectories(dir.resolve("runs/20260301T100000Z-abcd"));
        Files.writeString(dir.resolve("runs/20260301T100000Z-abcd/scorecard.json"), "{}");
        RunHistory history = new StoredRunHistory(new LocalObjectStore(dir, vertx.createSharedWorkerExecutor("t")),
                HistorySettings.defaults(), clock);
        history.list(10).onComplete(t.succeeding(runs -> t.verify(() -> {
            assertThat(runs).isEmpty();
            t.completeNow();
        })));
    }
}
