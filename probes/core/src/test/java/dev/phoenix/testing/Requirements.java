package dev.phoenix.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Real components that integration tests need. On a laptop without them a test is skipped with
 * a clear message; under {@code CI=true} it fails instead, so a green CI means it really ran.
 *
 * <pre>{@code
 * @BeforeAll
 * static void engine() {
 *     Requirements.docker();          // skips (or fails under CI) when no Docker engine answers
 * }
 * }</pre>
 */
public final class Requirements {

    /** Where the AWS emulator is expected; {@code PHOENIX_TEST_AWS_ENDPOINT} overrides. */
    public static final String DEFAULT_AWS_ENDPOINT = "http://127.0.0.1:4566";

    private Requirements() {
    }

    /** Requires a Docker engine answering on {@code /var/run/docker.sock} (or {@code DOCKER_HOST=unix://...}). */
    public static void docker() {
        Path socket = dockerSocket();
        String problem = null;
        if (!Files.exists(socket)) {
            problem = "no Docker socket at " + socket;
        } else {
            try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                ch.connect(UnixDomainSocketAddress.of(socket));
                ch.write(ByteBuffer.wrap("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
                ByteBuffer buf = ByteBuffer.allocate(256);
                ch.read(buf);
                String answer = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII);
                if (!answer.contains(" 200 ")) {
                    problem = "the Docker engine at " + socket + " answered: " + answer.lines().findFirst().orElse("");
                }
            } catch (IOException e) {
                problem = "the Docker engine at " + socket + " does not answer: " + e.getMessage();
            }
        }
        require(problem, "a Docker engine (start dockerd, see .ci/setup.d/20-docker.sh)");
    }

    /**
     * Requires a local Docker image (images are built from local files here, e.g. by
     * {@code .ci/setup.d/50-localstack-image.sh}; nothing can be pulled).
     */
    public static void dockerImage(String image) {
        Path socket = dockerSocket();
        String problem = null;
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            String ref = java.net.URLEncoder.encode(image, StandardCharsets.UTF_8).replace("%2F", "/").replace("%3A", ":");
            ch.write(ByteBuffer.wrap(("GET /images/" + ref + "/json HTTP/1.0\r\nHost: docker\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer buf = ByteBuffer.allocate(256);
            ch.read(buf);
            String answer = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII);
            if (!answer.contains(" 200 ")) {
                problem = "no image " + image + " in the Docker engine (" + answer.lines().findFirst().orElse("") + ")";
            }
        } catch (IOException e) {
            problem = "the Docker engine at " + socket + " does not answer: " + e.getMessage();
        }
        require(problem, "the local image " + image + " (built by .ci/setup.d/50-localstack-image.sh)");
    }

    /** Requires the AWS emulator (moto's server or LocalStack) over HTTP; returns its endpoint. */
    public static String awsEmulator() {
        String endpoint = System.getenv().getOrDefault("PHOENIX_TEST_AWS_ENDPOINT", DEFAULT_AWS_ENDPOINT);
        URI uri = URI.create(endpoint);
        String problem = null;
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 2000);
        } catch (IOException e) {
            problem = "nothing listens at " + endpoint + " (" + e.getMessage() + ")";
        }
        require(problem, "the AWS emulator (moto_server -H 127.0.0.1 -p 4566, see .ci/setup.d/30-moto.sh)");
        return endpoint;
    }

    /** Requires an executable, e.g. {@code /usr/bin/chromium}; returns its path. */
    public static Path executable(String... candidates) {
        for (String c : candidates) {
            Path p = Path.of(c);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        require("none of " + String.join(", ", candidates) + " is installed", "an executable");
        return null;
    }

    /** Whether this is a CI run, where missing components fail tests instead of skipping them. */
    public static boolean ci() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    private static void require(String problem, String what) {
        String message = "needs " + what + ": " + problem;
        if (ci()) {
            Assertions.assertNull(problem, () -> "CI=true and this test " + message);
        }
        Assumptions.assumeTrue(problem == null, () -> "skipped: this test " + message);
    }

    private static Path dockerSocket() {
        String host = System.getenv("DOCKER_HOST");
        if (host != null && host.startsWith("unix://")) {
            return Path.of(host.substring("unix://".length()));
        }
        return Path.of("/var/run/docker.sock");
    }
}
