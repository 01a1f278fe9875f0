package dev.phoenix.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phoenix.fakes.MutableClock;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The scheduler's decisions, driven with a clock set by hand; no test waits for a real fire time. */
@ExtendWith(VertxExtension.class)
class SchedulerTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-04T10:07:00Z"));
    private final List<RunKind> triggered = new ArrayList<>();

    private Scheduler every15Minutes(Vertx vertx, Optional<String> refusal) {
        return new Scheduler(vertx, clock, Map.of(RunKind.AUDIT, CronSchedule.parse("*/15 * * * *", ZoneOffset.UTC)), kind -> {
            triggered.add(kind);
            return refusal;
        });
    }

    @Test
    void start_armsTheNextFireTime(Vertx vertx, VertxTestContext t) {
        Scheduler s = every15Minutes(vertx, Optional.empty());
        s.start();
        t.verify(() -> assertThat(s.next(RunKind.AUDIT)).contains(Instant.parse("2026-03-04T10:15:00Z")));
        s.stop();
        t.completeNow();
    }

    @Test
    void timerAfterAPause_runsOnceAndSchedulesFromNow(Vertx vertx, VertxTestContext t) {
        Scheduler s = every15Minutes(vertx, Optional.empty());
        s.start();
        // the machine slept from 10:07 to 13:04: twelve fire times passed; the late timer goes off once
        clock.set(Instant.parse("2026-03-04T13:04:00Z"));
        s.wake(RunKind.AUDIT, Instant.parse("2026-03-04T10:15:00Z"));
        t.verify(() -> {
            assertThat(triggered).containsExactly(RunKind.AUDIT);
            assertThat(s.next(RunKind.AUDIT)).contains(Instant.parse("2026-03-04T13:15:00Z"));
        });
        s.stop();
        t.completeNow();
    }

    @Test
    void timerGoingOffEarly_doesNotRunYet(Vertx vertx, VertxTestContext t) {
        Scheduler s = every15Minutes(vertx, Optional.empty());
        s.start();
        clock.set(Instant.parse("2026-03-04T10:14:59.990Z"));
        s.wake(RunKind.AUDIT, Instant.parse("2026-03-04T10:15:00Z"));
        t.verify(() -> {
            assertThat(triggered).isEmpty();
            assertThat(s.next(RunKind.AUDIT)).contains(Instant.parse("2026-03-04T10:15:00Z"));
        });
        s.stop();
        t.completeNow();
    }

    @Test
    void fireTimeWhileARunIsStillGoing_isSkippedAndTheNextIsArmed(Vertx vertx, VertxTestContext t) {
        Scheduler s = every15Minutes(vertx, Optional.of("a audit run is in progress (20260304T100000Z-0001)"));
        s.start();
        clock.set(Instant.parse("2026-03-04T10:15:00.002Z"));
        s.wake(RunKind.AUDIT, Instant.parse("2026-03-04T10:15:00Z"));
        t.verify(() -> {
            assertThat(triggered).hasSize(1);
            assertThat(s.next(RunKind.AUDIT)).contains(Instant.parse("2026-03-04T10:30:00Z"));
        });
        s.stop();
        t.completeNow();
    }

    @Test
    void stoppedScheduler_firesNothing(Vertx vertx, VertxTestContext t) {
        Scheduler s = every15Minutes(vertx, Optional.empty());
        s.start();
        s.stop();
        clock.set(Instant.parse("2026-03-04T10:15:01Z"));
        s.wake(RunKind.AUDIT, Instant.parse("2026-03-04T10:15:00Z"));
        t.verify(() -> assertThat(triggered).isEmpty());
        t.completeNow();
    }

    @Test
    void secondsSchedule_firesOnRealTimers(Vertx vertx, VertxTestContext t) {
        // the one test on the real clock: an every-second schedule fires twice within a few seconds
        List<Instant> fired = new ArrayList<>();
        Scheduler s = new Scheduler(vertx, java.time.Clock.systemUTC(),
                Map.of(RunKind.AUDIT, CronSchedule.parse("* * * * * *", ZoneOffset.UTC)), kind -> {
                    synchronized (fired) {
                        fired.add(Instant.now());
                        if (fired.size() == 2) {
                            t.completeNow();
                        }
                    }
                    return Optional.empty();
                });
        s.start();
    }
}
