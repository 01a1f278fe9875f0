package dev.phoenix.aws;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Coalesces lookups by id into batched calls: ids asked for within a short window (or until the
 * batch is full) are fetched with one call, so that probing a thousand instances costs a few
 * DescribeInstances calls rather than a thousand. Each caller gets its own value, or a failure
 * naming its id.
 *
 * <pre>{@code
 * Batcher<Instance> instances = new Batcher<>(vertx, 200, 20, ids -> describe(ids));
 * instances.get("i-0abc").onSuccess(i -> ...);
 * }</pre>
 */
final class Batcher<V> {

    private final Vertx vertx;
    private final int max;
    private final long windowMs;
    private final Function<List<String>, Future<Map<String, V>>> load;
    private Map<String, List<Promise<V>>> pending = new LinkedHashMap<>();
    private boolean scheduled;

    /**
     * @param max      ids per call
     * @param windowMs how long the first id of a batch waits for others
     * @param load     fetches the values of a batch of ids; ids missing from its map fail as not found
     */
    Batcher(Vertx vertx, int max, long windowMs, Function<List<String>, Future<Map<String, V>>> load) {
        this.vertx = vertx;
        this.max = max;
        this.windowMs = windowMs;
        this.load = load;
    }

    Future<V> get(String id) {
        Promise<V> promise = Promise.promise();
        Map<String, List<Promise<V>>> full = null;
        synchronized (this) {
            pending.computeIfAbsent(id, k -> new ArrayList<>()).add(promise);
            if (pending.size() >= max) {
                full = take();
            } else if (!scheduled) {
                scheduled = true;
                vertx.setTimer(windowMs, t -> {
                    Map<String, List<Promise<V>>> batch;
                    synchronized (this) {
                        scheduled = false;
                        batch = take();
                    }
                    run(batch);
                });
            }
        }
        if (full != null) {
            run(full);
        }
        return promise.future();
    }

    private Map<String, List<Promise<V>>> take() {
        Map<String, List<Promise<V>>> batch = pending;
        pending = new LinkedHashMap<>();
        return batch;
    }

    private void run(Map<String, List<Promise<V>>> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Future<Map<String, V>> loaded;
        try {
            loaded = load.apply(List.copyOf(batch.keySet()));
        } catch (RuntimeException e) {
            loaded = Future.failedFuture(e);
        }
        loaded.onComplete(ar -> batch.forEach((id, promises) -> {
            for (Promise<V> p : promises) {
                if (ar.failed()) {
                    p.fail(ar.cause());
                } else if (ar.result().get(id) == null) {
                    p.fail(new NotFound(id));
                } else {
                    p.complete(ar.result().get(id));
                }
            }
        }));
    }

    /** The batch call succeeded but did not return this id. */
    static final class NotFound extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotFound(String id) {
            super(id + " was not found", null, false, false);
        }
    }
}
