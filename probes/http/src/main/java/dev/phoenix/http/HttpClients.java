package dev.phoenix.http;

import dev.phoenix.spi.ProviderContext;
import dev.phoenix.spi.Shared;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;

/**
 * The HTTP client shared by every HTTP probe of a context ({@link ProviderContext#shared()}).
 *
 * <p>Each member is its own server, so connections are never reused across members and one
 * audit asks each member once: keep-alive is off, so that a fleet of 100,000 members does not
 * leave 100,000 idle sockets behind. Compressed bodies are decompressed (and then capped).
 *
 * <p>The engine bounds calls in flight ({@code probing.concurrency}), so the client does not
 * bound them again per host:port: where members share an origin (several on one port), every
 * call in flight gets its own connection at once instead of waiting in the pool's queue, where
 * the wait would count against the probe's deadline.
 *
 * <pre>{@code
 * HttpClient client = HttpClients.shared(ctx);
 * }</pre>
 */
public final class HttpClients implements Shared.Resource {

    /** Connections at once to one host:port; above any sensible {@code probing.concurrency}, so calls never queue here. */
    static final int MAX_PER_ORIGIN = 1024;

    private final HttpClient client;

    private HttpClients(HttpClient client) {
        this.client = client;
    }

    /** The client of {@code ctx}, created on first use and closed with the context's shared clients. */
    public static HttpClient shared(ProviderContext ctx) {
        return ctx.shared().get(HttpClients.class, () -> new HttpClients(create(ctx))).client;
    }

    private static HttpClient create(ProviderContext ctx) {
        HttpClientOptions options = new HttpClientOptions()
                .setKeepAlive(false)
                .setTcpNoDelay(true)
                .setDecompressionSupported(true);
        PoolOptions pool = new PoolOptions().setHttp1MaxSize(MAX_PER_ORIGIN).setMaxWaitQueueSize(-1);
        return ctx.vertx().createHttpClient(options, pool);
    }

    @Override
    public Future<Void> close() {
        return client.close();
    }

    @Override
    public String toString() {
        return "the HTTP probe client";
    }
}
