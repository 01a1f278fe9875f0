package dev.phoenix.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phoenix.testing.MutableClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class PollTest {

    private static ProviderContext ctx(Vertx vertx) {
        return ProviderContext.create(vertx, Clock.systemUTC(), 1, Map.of());
    }

    @Test
    void pendingAttempts_areRetriedWithGrowingWaits_untilDone(Vertx vertx, VertxTestContext t) {
        ProviderContext ctx = ctx(vertx);
        List<Long> at = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 10_000;
        Poll.until(ctx, deadline, Duration.ofMillis(20), Duration.ofMillis(40), () -> {
                    at.add(System.nanoTime());
                    return Future.succeededFuture(at.size() < 4 ? Poll.<String>pending("try " + at.size()) : Poll.done("ready"));
                })
                .onComplete(t.succeeding(value -> t.verify(() -> {
                    assertThat(value).isEqualTo("ready");
                    assertThat(at).hasSize(4);
                    // waits of 20, 40 and 40 ms (doubling, capped): timers never fire early
                    assertThat(Duration.ofNanos(at.get(1) - at.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(20));
                    assertThat(Duration.ofNanos(at.get(3) - at.get(2))).isGreaterThanOrEqualTo(Duration.ofMillis(40));
                    t.completeNow();
                })));
    }

    @Test
    void deadline_endsPolling_withTheCallersMessageAndTheLastStatus(Vertx vertx, VertxTestContext t) {
        // each attempt takes 30 ms of (fake) time; the fourth ends at 120 ms, past the deadline at 100 ms: no fifth
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"), Duration.ZERO);
        ProviderContext ctx = ProviderContext.create(vertx, clock, 1, Map.of());
        long deadline = clock.millis() + 100;
        AtomicInteger attempts = new AtomicInteger();
        Poll.until(ctx, deadline, Duration.ofMillis(1), Duration.ofMillis(1), () -> {
                    clock.advance(Duration.ofMillis(30));
                    return Future.succeededFuture(Poll.<String>pending("attempt " + attempts.incrementAndGet()));
                })
                .recover(Poll.expired(last -> "web-1 was not ready (" + last + ")"))
                .onComplete(t.failing(e -> t.verify(() -> {
                    assertThat(e).hasMessage("web-1 was not ready (attempt 4)");
                    assertThat(attempts).hasValue(4);
                    t.completeNow();
                })));
    }

    @Test
    void failedAttempt_endsPollingAtOnce_andPassesThroughExpiredMapping(Vertx vertx, VertxTestContext t) {
        AtomicInteger attempts = new AtomicInteger();
        Poll.until(ctx(vertx), System.currentTimeMillis() + 10_000, Duration.ofMillis(10), Duration.ofMillis(10), () -> {
                    attempts.incrementAndGet();
                    return Future.<Poll.Step<String>>failedFuture("replacement exited with code 1");
                })
                .recover(Poll.expired(last -> "not this"))
                .onComplete(t.failing(e -> t.verify(() -> {
                    assertThat(e).hasMessage("replacement exited with code 1");
                    assertThat(attempts).hasValue(1);
                    t.completeNow();
                })));
    }
}
