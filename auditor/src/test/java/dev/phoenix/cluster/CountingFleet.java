package dev.phoenix.cluster;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A simulated fleet of the test's own on 127.0.0.1: one HTTP server answering
 * {@code /m/<id>/state} for every member with the same JSON state, counting the requests per member.
 * Members of the zones in {@code slow} answer after a delay, so that a test can kill a node while
 * it holds batches.
 *
 * <pre>{@code
 * try (CountingFleet fleet = CountingFleet.start(Set.of("b"), 200)) {
 *     fleet.writeUrls(dir.resolve("a.txt"), "a", 1000);
 *     fleet.hits("a-0001");
 * }
 * }</pre>
 */
final class CountingFleet implements AutoCloseable {

    private final Vertx vertx;
    private final HttpServer server;
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

    private CountingFleet(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    static CountingFleet start(Set<String> slow, long delayMs) throws Exception {
        Vertx vertx = Vertx.vertx();
        CountingFleet[] self = new CountingFleet[1];
        HttpServer server = vertx.createHttpServer().requestHandler(req -> {
            String[] parts = req.path().split("/");
            String id = parts.length > 2 ? parts[2] : "";
            self[0].hits.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            String zone = id.contains("-") ? id.substring(0, id.indexOf('-')) : "";
            Runnable answer = () -> req.response().putHeader("Content-Type", "application/json")
                    .end("{\"version\": \"1.0.0\", \"workers\": 4, \"member\": {\"id\": \"" + id + "\"}}");
            if (slow.contains(zone)) {
                vertx.setTimer(delayMs, t -> answer.run());
            } else {
                answer.run();
            }
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        self[0] = new CountingFleet(vertx, server);
        return self[0];
    }

    /** Writes a static source's file of {@code n} member URLs, {@code <zone>-0000} onwards. */
    void writeUrls(Path file, String zone, int n) throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            lines.add(url(String.format("%s-%04d", zone, i)));
        }
        Files.write(file, lines);
    }

    String url(String id) {
        return "http://127.0.0.1:" + server.actualPort() + "/m/" + id + "/state";
    }

    int hits(String id) {
        AtomicInteger n = hits.get(id);
        return n == null ? 0 : n.get();
    }

    Set<String> seen() {
        return Set.copyOf(hits.keySet());
    }

    void reset() {
        hits.clear();
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
