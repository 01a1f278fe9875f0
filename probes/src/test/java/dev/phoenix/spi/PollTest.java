package dev.phoenix.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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
        AtomicLong now = new AtomicLong(1_000_000);
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public java.time.Instant instant() {
                return java.time.Instant.ofEpochMilli(now.get());
            }
        };
        ProviderContext ctx = ProviderContext.create(vertx, clock, 1, Map.of());
        long deadline = now.get() + 100;
        AtomicInteger attempts = new AtomicInteger();
        Poll.until(ctx, deadline, Duration.ofMillis(1), Duration.ofMillis(1), () -> {
                    now.addAndGet(30);
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
