package dev.phoenix.store;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;

/**
 * Runs CPU-heavy work, such as turning a whole scorecard or a group's baselines into JSON and
 * back, on the Vert.x worker pool of the calling context, so that the event loop stays free; the
 * result completes on the calling context. Called outside Vert.x (a test, the main thread), the
 * work runs at once.
 *
 * <pre>{@code
 * WorkerPool.run(() -> Json.mapper().writeValueAsBytes(scorecard))
 *     .compose(bytes -> objects.put(key, bytes));
 * }</pre>
 */
public final class WorkerPool {

    private WorkerPool() {
    }

    public static <T> Future<T> run(Callable<T> work) {
        Context context = Vertx.currentContext();
        if (context == null) {
            try {
                return Future.succeededFuture(work.call());
            } catch (Exception e) {
                return Future.failedFuture(e);
            }
        }
        return context.executeBlocking(work, false);
    }
}
