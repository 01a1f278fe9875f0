package dev.phoenix.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phoenix.testing.MutableClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The scheduler's decisions, driven with a clock set by hand; no test waits for a real fire time. */
@ExtendWith(VertxExtension.class)
class SchedulerTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-04T10:07:00Z"));
    private final List<RunKind> triggered = new ArrayList<>();

    /** A scheduler deployed (and so armed) as serve deploys it. */
    private Scheduler every15Minutes(Vertx vertx, Optional<String> refusal) throws Exception {
        Scheduler s = new Scheduler(clock, Map.of(RunKind.AUDIT, CronSchedule.parse("*/15 * * * *", ZoneOffset.UTC)), kind -> {
            triggered.add(kind);
            return Future.succeededFuture(refusal);
        });
        deployment = vertx.deployVerticle(s).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return s;
    }

    private String deployment;

    private void stop(Vertx vertx, Scheduler s) throws Exception {
        vertx.undeploy(deployment).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static void await(Future<?> f) throws Exception {
        f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void start_armsTheNextFireTime(Vertx vertx, VertxTestContext t) throws Exception {
        Scheduler s = every15Minutes(vertx, Optional.empty());
        t.verify(() -> assertThat(s.next(RunKind.AUDIT)).contains(Instant.parse("2026-03-04T10:15:00Z")));
        stop(vertx, s);
        t.completeNow();
    }

    @Test
    void timerAfterAPause_runsOnceAndSchedulesFromNow(Vertx vertx, VertxTestContext t) throws Exception {
        Scheduler s = every15Minutes(vertx, Optional.empty());
        // the machine slept from 10:07 to 13:04: twelve fire times passed; the late timer goes off once
        clock.set(Instant.parse("2026-03-04T13:04:00Z"));
        await(s.wake(RunKind.AUDIT, Instant.parse("2026-03-04T10:15:00Z")));
        t.verify(() -> {
            assertThat(triggered).containsExactly(RunKind.AUDIT);
            assertThat(s.next(RunKind.AUDIT)).contains(Instant.parse("2026-03-04T13:15:00Z"));
        });
        stop(vertx, s);
        t.completeNow();
    }

    @Test
    void timerGoingOffEarly_doesNotRunYet(Vertx vertx, VertxTestContext t) throws Exception {
        Scheduler s = every15Minutes(vertx, Optional.empty());
        clock.set(Instant.parse("2026-03-04T10:14:59.990Z"));
        await(s.wake(RunKind.AUDIT, Instant.parse("2026-03-04T10:15:00Z")));
        t.verify(() -> {
            assertThat(triggered).isEmpty();
            assertThat(s.next(RunKind.AUDIT)).contains(Instant.parse("2026-03-04T10:15:00Z"));
        });
        stop(vertx, s);
        t.completeNow();
    }

    @Test
    void fireTimeWhileARunIsStillGoing_isSkippedAndTheNextIsArmed(Vertx vertx, VertxTestContext t) throws Exception {
        Scheduler s = every15Minutes(vertx, Optional.of("a audit run is in progress (20260304T100000Z-0001)"));
        clock.set(Instant.parse("2026-03-04T10:15:00.002Z"));
        await(s.wake(RunKind.AUDIT, Instant.parse("2026-03-04T10:15:00Z")));
        t.verify(() -> {
            assertThat(triggered).hasSize(1);
            assertThat(s.next(RunKind.AUDIT)).contains(Instant.parse("2026-03-04T10:30:00Z"));
        });
        stop(vertx, s);
        t.completeNow();
    }

    @Test
    void stoppedScheduler_firesNothing(Vertx vertx, VertxTestContext t) throws Exception {
        Scheduler s = every15Minutes(vertx, Optional.empty());
        stop(vertx, s);
        // a timer that was already queued when the scheduler was undeployed
        clock.set(Instant.parse("2026-03-04T10:15:01Z"));
        await(s.wake(RunKind.AUDIT, Instant.parse("2026-03-04T10:15:00Z")));
        t.verify(() -> assertThat(triggered).isEmpty());
        t.completeNow();
    }

    @Test
    void secondsSchedule_firesOnRealTimers(Vertx vertx, VertxTestContext t) {
        // the one test on the real clock: an every-second schedule fires twice within a few seconds
        List<Instant> fired = new ArrayList<>();
        Scheduler s = new Scheduler(java.time.Clock.systemUTC(),
                Map.of(RunKind.AUDIT, CronSchedule.parse("* * * * * *", ZoneOffset.UTC)), kind -> {
                    synchronized (fired) {
                        fired.add(Instant.now());
                        if (fired.size() == 2) {
                            t.completeNow();
                        }
                    }
                    return Future.succeededFuture(Optional.empty());
                });
        vertx.deployVerticle(s);
    }
}
