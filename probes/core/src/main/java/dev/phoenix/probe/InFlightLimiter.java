package dev.phoenix.probe;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Context;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Bounds how many asynchronous calls are in flight and spreads them over event loops; the rest
 * wait in order. Never blocks: a waiting task starts when a slot frees up. Tasks that complete
 * synchronously do not recurse, so a queue of any length drains in a loop.
 *
 * <pre>{@code
 * EventLoops.of(ctx, 2).map(loops -> InFlightLimiter.spread(64, loops))   // 64 calls in flight over 2 event loops
 *           .onSuccess(limiter -> ...);
 * InFlightLimiter limiter = new InFlightLimiter(64);                      // all on the caller's thread
 * Future<Observation> obs = limiter.submit(() -> probe.observe(member));
 * }</pre>
 *
 * <p>A call started on an event loop keeps its connection there; one loop is one core, so a
 * fleet of thousands of members is probed faster when the calls are spread.
 */
public final class InFlightLimiter {

    private final Context[] loops;
    private final AtomicInteger nextLoop = new AtomicInteger();
    private final int max;
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private int running;
    private boolean draining;

    /** A limiter that starts every call on the caller's thread. */
    public InFlightLimiter(int max) {
        this(max, new Context[0]);
    }

    private InFlightLimiter(int max, Context[] loops) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, was " + max);
        }
        this.max = max;
        this.loops = loops;
    }

    /**
     * A limiter that starts calls round-robin on {@code loops}, event-loop contexts of their own
     * ({@link EventLoops}); with one or none, on the caller's thread.
     */
    public static InFlightLimiter spread(int max, java.util.List<Context> loops) {
        return loops.size() <= 1 ? new InFlightLimiter(max) : new InFlightLimiter(max, loops.toArray(new Context[0]));
    }

    public <T> Future<T> submit(Supplier<Future<T>> task) {
        Promise<T> promise = Promise.promise();
        Runnable call = () -> {
            Future<T> f;
            try {
                f = task.get();
            } catch (RuntimeException e) {
                f = Future.failedFuture(e);
            }
            f.onComplete(ar -> {
                release();
                promise.handle(ar);
            });
        };
        Runnable start = loops.length == 0 ? call
                : () -> loops[Math.floorMod(nextLoop.getAndIncrement(), loops.length)].runOnContext(v -> call.run());
        synchronized (this) {
            waiting.add(start);
        }
        drain();
        return promise.future();
    }

    /** Calls currently in flight. */
    public synchronized int inFlight() {
        return running;
    }

    public int max() {
        return max;
    }

    private void release() {
        synchronized (this) {
            running--;
        }
        drain();
    }

    private void drain() {
        synchronized (this) {
            if (draining) {
                return;
            }
            draining = true;
        }
        while (true) {
            Runnable next;
            synchronized (this) {
                if (running >= max || waiting.isEmpty()) {
                    draining = false;
                    return;
                }
                next = waiting.poll();
                running++;
            }
            next.run();
        }
    }
}
