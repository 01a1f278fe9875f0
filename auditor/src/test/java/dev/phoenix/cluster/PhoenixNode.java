package dev.phoenix.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code phoenix serve} JVM started by a test, on loopback, with its API port read from its first
 * line; {@link #kill9()} sends SIGKILL to the pid of the process this object started, nothing else.
 *
 * <pre>{@code
 * PhoenixNode a = PhoenixNode.start(dir, "a", List.of("-Xmx256m"), "serve", "--config", cfg, "--port", "0", "--cluster");
 * a.get("/api/cluster");
 * a.kill9();
 * }</pre>
 */
final class PhoenixNode implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(5)).build();

    final String name;
    final Process process;
    final int port;
    final Path err;

    private PhoenixNode(String name, Process process, int port, Path err) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.err = err;
    }

    static PhoenixNode start(Path dir, String name, List<String> jvm, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dlogback.configurationFile=logback.xml"));
        command.addAll(jvm);
        command.addAll(List.of("-cp", productClassPath(), "dev.phoenix.cli.Main"));
        command.addAll(List.of(args));
        Path err = dir.resolve(name + ".err");
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(err.toFile());
        pb.environment().remove("PHOENIX_LOG_LEVEL");
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        Matcher m = Pattern.compile("Phoenix serving on http://127\\.0\\.0\\.1:(\\d+)/").matcher(first == null ? "" : first);
        if (!m.find()) {
            p.destroyForcibly();
            throw new IllegalStateException("node " + name + " did not start: " + first + "\n" + Files.readString(err));
        }
        // keep draining its output so that it never blocks on a full pipe
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // discard
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "drain-" + name);
        drain.setDaemon(true);
        drain.start();
        return new PhoenixNode(name, p, Integer.parseInt(m.group(1)), err);
    }

    private static String productClassPath;

    /**
     * The test class path as the shipped jar has it: vertx-hazelcast without its
     * {@code META-INF/services/io.vertx.core.spi.VertxServiceProvider} entry, which the shade plugin
     * leaves out (see auditor/pom.xml).
     */
    static synchronized String productClassPath() throws IOException {
        if (productClassPath == null) {
            List<String> entries = new ArrayList<>();
            for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
                if (e.contains("vertx-hazelcast") && e.endsWith(".jar")) {
                    Path copy = Files.createTempFile("vertx-hazelcast-", ".jar");
                    copy.toFile().deleteOnExit();
                    try (var in = new java.util.zip.ZipInputStream(Files.newInputStream(Path.of(e)));
                         var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(copy))) {
                        for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                            if (!entry.getName().equals("META-INF/services/io.vertx.core.spi.VertxServiceProvider")) {
                                out.putNextEntry(new java.util.zip.ZipEntry(entry.getName()));
                                in.transferTo(out);
                                out.closeEntry();
                            }
                        }
                    }
                    entries.add(copy.toString());
                } else {
                    entries.add(e);
                }
            }
            productClassPath = String.join(java.io.File.pathSeparator, entries);
        }
        return productClassPath;
    }

    /**
     * A free loopback port for a node's Hazelcast port, below the ephemeral range: Hazelcast keeps
     * connecting to members that are not up yet, and a connection to a free ephemeral port can be
     * given that same port as its source and connect to itself (TCP simultaneous open), which stalls
     * the join.
     */
    static int freePort() throws IOException {
        java.util.Random random = new java.util.Random();
        for (int i = 0; i < 100; i++) {
            int port = 20_000 + random.nextInt(10_000);
            try (ServerSocket s = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                return s.getLocalPort();
            } catch (IOException e) {
                // taken: try another
            }
        }
        throw new IOException("no free port between 20000 and 30000 on 127.0.0.1");
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(java.time.Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("X-Phoenix", "1")
                .timeout(java.time.Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** SIGKILL to this node's own process, by its pid. */
    void kill9() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-9", Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -9 " + process.pid() + " failed");
        }
        process.waitFor(10, TimeUnit.SECONDS);
    }

    String log() {
        try {
            return Files.readString(err);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
