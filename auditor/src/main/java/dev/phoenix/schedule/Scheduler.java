package dev.phoenix.schedule;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires scheduled runs with Vert.x timers: one timer per kind, armed for the next fire time;
 * no thread per job. When a timer fires, the run is handed to {@code trigger}, which refuses
 * it (skipped and logged) while a run of the same kind is still going.
 *
 * <p>A verticle: deploying it arms the timers, undeploying it cancels them; its state changes only
 * on its own context, and {@link #next} reads a snapshot.
 *
 * <pre>{@code
 * Scheduler s = new Scheduler(clock, settings.schedules(),
 *         kind -> coordinator.trigger(kind, "schedule").map(t -> Optional.ofNullable(t.reason())));
 * vertx.deployVerticle(s);     // armed
 * s.next(RunKind.AUDIT);       // Optional[2026-03-04T10:15:00Z]
 * }</pre>
 *
 * <p>Missed runs are not replayed: after a pause (the machine slept, the process was stopped),
 * the late timer runs once and the next fire time is computed from now. Timers are armed for
 * at most {@link #MAX_TIMER} at a time and re-armed, so that a wall-clock step (NTP, resume
 * from suspend) is noticed within that time.
 */
public final class Scheduler extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

    /** The longest a single timer is armed for before the wall clock is looked at again. */
    static final Duration MAX_TIMER = Duration.ofMinutes(1);

    private final Clock clock;
    private final Map<RunKind, CronSchedule> schedules;
    private final Function<RunKind, Future<Optional<String>>> trigger;
    // confined to the verticle's context
    private final Map<RunKind, Instant> next = new EnumMap<>(RunKind.class);
    private final Map<RunKind, Long> timers = new EnumMap<>(RunKind.class);
    private boolean stopped;
    private volatile Map<RunKind, Instant> nextView = Map.of();

    /**
     * @param trigger starts a run of a kind now; completes with why it was refused (empty when started)
     */
    public Scheduler(Clock clock, Map<RunKind, CronSchedule> schedules, Function<RunKind, Future<Optional<String>>> trigger) {
        this.clock = clock;
        // in RunKind order (audit before chaos), so that serve lists them the same way every time
        this.schedules = schedules.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(schedules));
        this.trigger = trigger;
    }

    /** Arms a timer for every scheduled kind. */
    @Override
    public Future<?> start() {
        Instant now = clock.instant();
        for (Map.Entry<RunKind, CronSchedule> e : schedules.entrySet()) {
            arm(e.getKey(), now);
            LOG.info("schedule: {} runs {} (next at {})", e.getKey().label(), e.getValue(),
                    Optional.ofNullable(next.get(e.getKey())).map(Instant::toString).orElse("never"));
        }
        return Future.succeededFuture();
    }

    /** Cancels every timer; nothing fires afterwards. */
    @Override
    public Future<?> stop() {
        stopped = true;
        timers.values().forEach(vertx::cancelTimer);
        timers.clear();
        return Future.succeededFuture();
    }

    /** When {@code kind} fires next, if it is scheduled. */
    public Optional<Instant> next(RunKind kind) {
        return Optional.ofNullable(nextView.get(kind));
    }

    public Map<RunKind, CronSchedule> schedules() {
        return schedules;
    }

    /** Arms the timer of {@code kind} for its first fire time after {@code after}. */
    private void arm(RunKind kind, Instant after) {
        Optional<Instant> at = schedules.get(kind).next(after);
        if (at.isEmpty()) {
            next.remove(kind);
            nextView = Map.copyOf(next);
            LOG.info("schedule: {} never fires again", kind.label());
            return;
        }
        next.put(kind, at.get());
        nextView = Map.copyOf(next);
        wait(kind, at.get());
    }

    private void wait(RunKind kind, Instant at) {
        long delay = Math.max(1, Math.min(Duration.between(clock.instant(), at).toMillis(), MAX_TIMER.toMillis()));
        timers.put(kind, vertx.setTimer(delay, id -> fire(kind, at)));
    }

    /** A timer went off for the fire time {@code at} of {@code kind}; as the timer does, on the scheduler's context. */
    Future<Void> wake(RunKind kind, Instant at) {
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> {
            fire(kind, at);
            done.complete();
        });
        return done.future();
    }

    private void fire(RunKind kind, Instant at) {
        if (stopped) {
            return;
        }
        Instant now = clock.instant();
        if (now.isBefore(at)) {
            wait(kind, at); // armed for less than the whole wait, or fired early: not yet
            return;
        }
        long missed = missedSince(kind, at, now);
        if (missed > 0) {
            LOG.warn("schedule: {} was due at {} and {} later fire time(s) passed while Phoenix was paused; "
                    + "running once now, not replaying them", kind.label(), at, missed);
        }
        Future<Optional<String>> refused;
        try {
            refused = trigger.apply(kind);
        } catch (RuntimeException e) {
            refused = Future.failedFuture(e);
        }
        refused.onComplete(ar -> {
            if (ar.failed()) {
                LOG.error("schedule: the {} run due at {} could not be started: {}", kind.label(), at, ar.cause().toString());
            } else {
                ar.result().ifPresent(reason -> LOG.warn("schedule: skipped the {} run due at {}: {}", kind.label(), at, reason));
            }
        });
        arm(kind, now.isAfter(at) ? now : at);
    }

    /** Fire times of {@code kind} strictly between {@code due} and {@code now} (at most 1000 are counted). */
    private long missedSince(RunKind kind, Instant due, Instant now) {
        long count = 0;
        Instant t = due;
        while (count < 1000) {
            Optional<Instant> n = schedules.get(kind).next(t);
            if (n.isEmpty() || !n.get().isBefore(now)) {
                break;
            }
            t = n.get();
            count++;
        }
        return count;
    }
}
