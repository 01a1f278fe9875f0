package dev.phoenix.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InFlightLimiterTest {

    @Test
    void neverRunsMoreThanTheBound_andStartsWaitingTasksInOrder() {
        InFlightLimiter limiter = new InFlightLimiter(3);
        List<Promise<Integer>> pending = new ArrayList<>();
        AtomicInteger peak = new AtomicInteger();
        List<Integer> started = new ArrayList<>();
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int n = i;
            results.add(limiter.submit(() -> {
                started.add(n);
                peak.accumulateAndGet(limiter.inFlight(), Math::max);
                Promise<Integer> p = Promise.promise();
                pending.add(p);
                return p.future();
            }));
        }
        assertThat(started).containsExactly(0, 1, 2);
        for (int i = 0; i < 10; i++) {
            pending.get(i).complete(i);
        }
        assertThat(started).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(peak.get()).isEqualTo(3);
        assertThat(results).allMatch(Future::succeeded);
        assertThat(limiter.inFlight()).isZero();
    }

    @Test
    void manySynchronouslyCompletingTasks_drainWithoutDeepRecursion() {
        InFlightLimiter limiter = new InFlightLimiter(1);
        Promise<Void> gate = Promise.promise();
        limiter.submit(() -> gate.future());
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            int n = i;
            results.add(limiter.submit(() -> Future.succeededFuture(n)));
        }
        gate.complete();
        assertThat(results).allMatch(Future::succeeded);
        assertThat(results.get(199_999).result()).isEqualTo(199_999);
    }

    @Test
    void aTaskThatThrows_failsItsFutureAndFreesItsSlot() {
        InFlightLimiter limiter = new InFlightLimiter(1);
        Future<Integer> failed = limiter.submit(() -> {
            throw new IllegalStateException("boom");
        });
        Future<Integer> next = limiter.submit(() -> Future.succeededFuture(7));
        assertThat(failed.failed()).isTrue();
        assertThat(next.result()).isEqualTo(7);
    }

    @org.junit.jupiter.api.Test
    void spreadLimiter_startsCallsOnSeveralEventLoops_andStillBoundsThem() throws Exception {
        io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
        try {
            dev.phoenix.spi.ProviderContext ctx = dev.phoenix.spi.ProviderContext.create(vertx, java.time.Clock.systemUTC(), 1, java.util.Map.of());
            InFlightLimiter limiter = EventLoops.of(ctx, 2).map(loops -> InFlightLimiter.spread(3, loops))
                    .toCompletionStage().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
            java.util.Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
            AtomicInteger peak = new AtomicInteger();
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                results.add(limiter.submit(() -> {
                    threads.add(Thread.currentThread().getName());
                    peak.accumulateAndGet(limiter.inFlight(), Math::max);
                    return vertx.timer(1).map(t -> n);
                }));
            }
            Future.all(results).toCompletionStage().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(threads).hasSize(2).allMatch(t -> t.startsWith("vert.x-eventloop-thread-"));
            assertThat(peak.get()).isLessThanOrEqualTo(3);
            assertThat(results.get(199).result()).isEqualTo(199);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
        }
    }
}
