package dev.phoenix.fakes;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A mutable host on 127.0.0.1: a real HTTP server that answers every request with its current
 * JSON state, which the test changes as a person with ssh would.
 *
 * <pre>{@code
 * try (LoopbackHost host = LoopbackHost.start("{\"workers\": 4}")) {
 *     String url = host.url("/state");
 *     host.state("{\"workers\": 8}");   // drift
 * }
 * }</pre>
 */
public final class LoopbackHost implements AutoCloseable {

    private final Vertx vertx;
    private final HttpServer server;
    private final AtomicReference<String> state;

    private LoopbackHost(Vertx vertx, HttpServer server, AtomicReference<String> state) {
        this.vertx = vertx;
        this.server = server;
        this.state = state;
    }

    public static LoopbackHost start(String initialState) throws Exception {
        Vertx vertx = Vertx.vertx();
        AtomicReference<String> state = new AtomicReference<>(initialState);
        HttpServer server = vertx.createHttpServer()
                .requestHandler(req -> req.response().putHeader("content-type", "application/json").end(state.get()))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return new LoopbackHost(vertx, server, state);
    }

    public int port() {
        return server.actualPort();
    }

    /** {@code http://127.0.0.1:<port><path>}. */
    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** What the host answers from now on. */
    public void state(String json) {
        state.set(json);
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
