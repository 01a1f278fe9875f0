package dev.phoenix.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that moves only when told to, or by {@code step} each time it is read: a fleet that reads
 * the clock when a replace starts and again before it destroys anything sees time pass as if every
 * call in between were slow.
 *
 * <pre>{@code
 * SteppingClock clock = new SteppingClock(Instant.parse("2026-01-01T00:00:00Z"), Duration.ofMinutes(1));
 * fleet.replace(victim, Duration.ofSeconds(30));   // the second reading is already past the deadline
 * }</pre>
 */
public final class SteppingClock extends Clock {

    private final AtomicReference<Instant> now;
    private final Duration step;

    public SteppingClock(Instant start, Duration step) {
        this.now = new AtomicReference<>(start);
        this.step = step;
    }

    public void advance(Duration d) {
        now.updateAndGet(t -> t.plus(d));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now.getAndUpdate(t -> t.plus(step));
    }
}
