package dev.phoenix.probe;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.function.Supplier;

/**
 * Bounds how many asynchronous calls are in flight; the rest wait in order. Never blocks:
 * a waiting task starts when a slot frees up. Tasks that complete synchronously do not
 * recurse, so a queue of any length drains in a loop.
 *
 * <pre>{@code
 * InFlightLimiter limiter = new InFlightLimiter(64);
 * Future<Observation> obs = limiter.submit(() -> probe.observe(member));
 * }</pre>
 */
public final class InFlightLimiter {

    private final int max;
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private int running;
    private boolean draining;

    public InFlightLimiter(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, was " + max);
        }
        this.max = max;
    }

    public <T> Future<T> submit(Supplier<Future<T>> task) {
        Promise<T> promise = Promise.promise();
        Runnable start = () -> {
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
