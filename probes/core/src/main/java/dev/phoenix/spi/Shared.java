package dev.phoenix.spi;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clients every fleet and probe of one context shares (the HTTP client, the AWS clients of a
 * region, the Docker engines), created on first use and closed once: by {@link #close()}, or
 * when Vert.x closes. One lifecycle for every shared client, and no singleton.
 *
 * <pre>{@code
 * AwsClients aws = ctx.shared().get("aws:" + settings.key(), () -> new AwsClients(ctx, settings));
 * ...
 * ctx.shared().close();   // closes every resource that implements Shared.Resource, newest first
 * }</pre>
 */
public final class Shared {

    private static final Logger LOG = LoggerFactory.getLogger(Shared.class);

    /** A shared value that holds connections, threads or servers. */
    public interface Resource {
        Future<Void> close();
    }

    private final Map<Object, Object> values = new LinkedHashMap<>();
    private boolean closed;

    private Shared() {
    }

    /** A registry closed only by {@link #close()}: for a short-lived context that its creator closes itself. */
    public static Shared standalone() {
        return new Shared();
    }

    /** A registry that also closes when {@code vertx} closes (it deploys a verticle whose stop closes it). */
    public static Shared on(Vertx vertx) {
        Shared shared = new Shared();
        vertx.deployVerticle(new VerticleBase() {
            @Override
            public Future<?> stop() {
                return shared.close();
            }
        }).onFailure(e -> LOG.debug("shared resources are closed only explicitly: {}", e.getMessage()));
        return shared;
    }

    /**
     * The value under {@code key}, created by {@code create} the first time.
     *
     * @throws IllegalStateException once closed: a closed registry never hands out closed clients
     */
    @SuppressWarnings("unchecked")
    public synchronized <T> T get(Object key, Supplier<T> create) {
        if (closed) {
            throw new IllegalStateException("the shared clients are closed");
        }
        Object value = values.get(key);
        if (value == null) {
            value = create.get();
            values.put(key, value);
        }
        return (T) value;
    }

    /** Closes every {@link Resource}, newest first; calling it again does nothing. */
    public Future<Void> close() {
        List<Object> doomed;
        synchronized (this) {
            if (closed) {
                return Future.succeededFuture();
            }
            closed = true;
            doomed = new ArrayList<>(values.values());
            values.clear();
        }
        java.util.Collections.reverse(doomed);
        List<Future<Void>> closing = new ArrayList<>();
        for (Object value : doomed) {
            if (value instanceof Resource r) {
                try {
                    closing.add(r.close().otherwise(e -> {
                        LOG.warn("closing {}: {}", r, Errors.message(e));
                        return null;
                    }));
                } catch (RuntimeException e) {
                    LOG.warn("closing {}: {}", r, Errors.message(e));
                }
            }
        }
        return Future.join(closing).mapEmpty();
    }
}
