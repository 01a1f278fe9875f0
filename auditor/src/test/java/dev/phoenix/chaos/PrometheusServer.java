package dev.phoenix.chaos;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real Prometheus (Debian's {@code prometheus}) on a loopback port, scraping every second a
 * target the test controls: a loopback HTTP server serving one gauge, {@code phoenix_test_errors}.
 * Closing it ends the process (by its own handle) and the target.
 *
 * <pre>{@code
 * try (PrometheusServer p = PrometheusServer.start(vertx, Path.of("/usr/bin/prometheus"), dir)) {
 *     p.target().set(3);
 *     p.awaitSample("phoenix_test_errors", 3);   // scraped
 * }
 * }</pre>
 */
final class PrometheusServer implements AutoCloseable {

    private final Process process;
    private final HttpServer target;
    private final AtomicInteger value;
    private final int port;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .proxy(java.net.ProxySelector.of(null)).build();

    private PrometheusServer(Process process, HttpServer target, AtomicInteger value, int port) {
        this.process = process;
        this.target = target;
        this.value = value;
        this.port = port;
    }

    static PrometheusServer start(Vertx vertx, Path binary, Path dir) throws Exception {
        Files.createDirectories(dir);
        AtomicInteger value = new AtomicInteger();
        HttpServer target = vertx.createHttpServer().requestHandler(r -> r.response()
                        .putHeader("Content-Type", "text/plain; version=0.0.4")
                        .end("# TYPE phoenix_test_errors gauge\nphoenix_test_errors " + value.get() + "\n"))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        int port = freePort();
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, """
                global: {scrape_interval: 1s, evaluation_interval: 1s}
                scrape_configs:
                  - job_name: phoenix-test
                    static_configs: [{targets: ["127.0.0.1:%d"]}]
                """.formatted(target.actualPort()));
        Process process = new ProcessBuilder(binary.toString(), "--config.file=" + config, "--web.listen-address=127.0.0.1:" + port,
                "--storage.tsdb.path=" + dir.resolve("data"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        PrometheusServer server = new PrometheusServer(process, target, value, port);
        server.awaitReady(dir);
        return server;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    AtomicInteger target() {
        return value;
    }

    /** Waits (up to 30 s) until an instant query for {@code metric} returns {@code expected}. */
    boolean awaitSample(String metric, int expected) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < until) {
            String body = get("/api/v1/query?query=" + metric);
            if (body != null) {
                var result = new JsonObject(body).getJsonObject("data").getJsonArray("result");
                if (!result.isEmpty() && result.getJsonObject(0).getJsonArray("value").getString(1).equals(String.valueOf(expected))) {
                    return true;
                }
            }
            Thread.sleep(200);
        }
        return false;
    }

    private void awaitReady(Path dir) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < until) {
            if (!process.isAlive()) {
                throw new IllegalStateException("prometheus exited: " + Files.readString(dir.resolve("prometheus.log")));
            }
            if (get("/-/ready") != null) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("prometheus did not become ready in 30 s: " + Files.readString(dir.resolve("prometheus.log")));
    }

    /** The body of a 200 answer from this (loopback) server, or null. */
    private String get(String path) {
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return r.statusCode() == 200 ? r.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        target.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
