package dev.phoenix.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one test clock: set and advanced by hand, and optionally moving by {@code step} each time it
 * is read, so that code reading the clock before and after a call sees time pass as if the call
 * were slow.
 *
 * <pre>{@code
 * MutableClock clock = new MutableClock(Instant.parse("2026-03-04T10:30:00Z"));
 * clock.advance(Duration.ofHours(2));                       // a window closes
 * MutableClock slow = new MutableClock(start, Duration.ofMinutes(1));
 * fleet.replace(victim, Duration.ofSeconds(30));            // the second reading is already past the deadline
 * }</pre>
 */
public final class MutableClock extends Clock {

    private final AtomicReference<Instant> now;
    private final Duration step;

    /** A clock that stands still until set or advanced. */
    public MutableClock(Instant start) {
        this(start, Duration.ZERO);
    }

    /** A clock that also moves by {@code step} each time it is read. */
    public MutableClock(Instant start, Duration step) {
        this.now = new AtomicReference<>(start);
        this.step = step;
    }

    public void set(Instant instant) {
        now.set(instant);
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
        return step.isZero() ? now.get() : now.getAndUpdate(t -> t.plus(step));
    }
}
