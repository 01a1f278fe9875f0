package dev.phoenix.probe;

import dev.phoenix.spi.ProviderContext;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.ArrayList;
import java.util.List;

/**
 * Event-loop contexts of their own, to spread probe calls over cores: Vert.x gives each deployed
 * verticle a context on the next event loop, round-robin, so deploying {@code n} empty verticles
 * yields {@code n} contexts on {@code n} loops with public API only. Deployed once per context's
 * shared clients ({@link ProviderContext#shared()}) and undeployed when Vert.x closes.
 *
 * <pre>{@code
 * EventLoops.of(ctx, 2).onSuccess(loops -> loops.get(1).runOnContext(v -> ...));
 * }</pre>
 */
public final class EventLoops {

    private EventLoops() {
    }

    /** {@code n} event-loop contexts (none for {@code n <= 1}: the caller's thread is enough). */
    public static Future<List<Context>> of(ProviderContext ctx, int n) {
        if (n <= 1) {
            return Future.succeededFuture(List.of());
        }
        return ctx.shared().get("event-loops:" + n, () -> deploy(ctx, n));
    }

    private static Future<List<Context>> deploy(ProviderContext ctx, int n) {
        List<Future<Context>> contexts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Holder holder = new Holder();
            contexts.add(ctx.vertx().deployVerticle(holder).map(id -> holder.context()));
        }
        return Future.all(contexts).map(all -> contexts.stream().map(Future::result).toList());
    }

    /** An empty verticle, deployed for its context. */
    private static final class Holder extends VerticleBase {
        Context context() {
            return context;
        }
    }
}
