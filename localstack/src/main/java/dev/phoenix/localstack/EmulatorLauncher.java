package dev.phoenix.localstack;

import dev.phoenix.spi.Errors;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Starts a LocalStack-compatible emulator through Testcontainers, as {@code phoenix localstack up}
 * and the tests do. Containers use host networking (there is no bridge to map ports through), so
 * the emulator listens on {@code 127.0.0.1:<port>} itself: LocalStack-style images are told so
 * with {@code GATEWAY_LISTEN}, others with {@code GATEWAY_PORT} and {@code PORT}.
 *
 * <pre>{@code
 * try (Emulator emulator = EmulatorLauncher.start(EmulatorLauncher.Options.of(EmulatorImage.resolve("local"), 4599))) {
 *     URI endpoint = emulator.endpoint();          // http://127.0.0.1:4599
 * }
 * }</pre>
 *
 * Blocking (Testcontainers is): call it from a command's thread or a test, never from an event loop.
 */
public final class EmulatorLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(EmulatorLauncher.class);

    private EmulatorLauncher() {
    }

    /**
     * @param image   what to run
     * @param host    the address to listen on (loopback)
     * @param port    the port to listen on
     * @param env     extra environment ({@code LOCALSTACK_AUTH_TOKEN} is passed on when set)
     * @param labels  container labels, e.g. a run id to find the container by
     * @param startup how long to wait for the emulator to answer
     * @param logs    receives the container's output lines; may be null
     */
    public record Options(EmulatorImage image, String host, int port, Map<String, String> env, Map<String, String> labels,
                          Duration startup, Consumer<String> logs) {
        public Options {
            Objects.requireNonNull(image, "image");
            env = Map.copyOf(env);
            labels = Map.copyOf(labels);
        }

        public static Options of(EmulatorImage image, int port) {
            return new Options(image, "127.0.0.1", port, Map.of(), Map.of("dev.phoenix", "emulator"), Duration.ofMinutes(3), null);
        }

        public Options withEnv(Map<String, String> more) {
            Map<String, String> all = new LinkedHashMap<>(env);
            all.putAll(more);
            return new Options(image, host, port, all, labels, startup, logs);
        }

        public Options withLabels(Map<String, String> more) {
            Map<String, String> all = new LinkedHashMap<>(labels);
            all.putAll(more);
            return new Options(image, host, port, env, all, startup, logs);
        }

        public Options withLogs(Consumer<String> sink) {
            return new Options(image, host, port, env, labels, startup, sink);
        }
    }

    /** A running emulator; {@link #close()} stops and removes its container. */
    public static final class Emulator implements AutoCloseable {
        private final GenericContainer<?> container;
        private final java.net.URI endpoint;

        Emulator(GenericContainer<?> container, java.net.URI endpoint) {
            this.container = container;
            this.endpoint = endpoint;
        }

        public java.net.URI endpoint() {
            return endpoint;
        }

        public String containerId() {
            return container.getContainerId();
        }

        public String image() {
            return container.getDockerImageName();
        }

        @Override
        public void close() {
            container.stop();
        }
    }

    /**
     * Starts the emulator and waits until it answers.
     *
     * @throws IllegalStateException naming the image and what went wrong (no Docker engine, no such
     *                               image, the port is taken, no answer in time)
     */
    public static Emulator start(Options options) {
        String listen = options.host() + ":" + options.port();
        if (portTaken(options.host(), options.port())) {
            throw new IllegalStateException("cannot start " + options.image().image() + " on " + listen
                    + ": something already listens there (pick another --port)");
        }
        GenericContainer<?> container = options.image().localStackStyle()
                ? localStackStyle(options, listen)
                : new GenericContainer<>(DockerImageName.parse(options.image().image()))
                        .withEnv("GATEWAY_PORT", String.valueOf(options.port()))
                        .withEnv("PORT", String.valueOf(options.port()))
                        .waitingFor(new PortWait(options.host(), options.port()));
        container.setExposedPorts(java.util.List.of());
        container.withNetworkMode("host")
                .withEnv("GATEWAY_LISTEN", listen)
                .withEnv(options.env())
                .withLabels(options.labels())
                .withStartupTimeout(options.startup());
        if (options.logs() != null) {
            Consumer<String> sink = options.logs();
            container.withLogConsumer((OutputFrame frame) -> sink.accept(frame.getUtf8StringWithoutLineEnding()));
        }
        try {
            container.start();
        } catch (RuntimeException e) {
            try {
                container.stop();
            } catch (RuntimeException ignored) {
                // the start failure is what matters
            }
            throw new IllegalStateException("cannot start emulator image " + options.image().image() + " on " + listen + ": "
                    + rootMessage(e), e);
        }
        java.net.URI endpoint = java.net.URI.create("http://" + listen);
        LOG.info("emulator {} answers at {} (container {})", options.image().image(), endpoint, container.getContainerId());
        return new Emulator(container, endpoint);
    }

    private static GenericContainer<?> localStackStyle(Options options, String listen) {
        DockerImageName name = DockerImageName.parse(options.image().image()).asCompatibleSubstituteFor("localstack/localstack");
        LocalStackContainer c = new LocalStackContainer(name);
        String token = options.env().get("LOCALSTACK_AUTH_TOKEN");
        if (token != null && !token.isBlank()) {
            c.withEnv("LOCALSTACK_AUTH_TOKEN", token);
        }
        return c;
    }

    /** A free port on 127.0.0.1, for tests and {@code phoenix localstack up --port 0}. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    private static boolean portTaken(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code outer message (root cause's message)}, each on one line. */
    private static String rootMessage(Throwable e) {
        String outer = Errors.message(e);
        String root = Errors.message(Errors.root(e));
        return root.equals(outer) ? outer : outer + " (" + root + ")";
    }

    /** Waits until something accepts connections on the port the emulator was told to use (host networking: no mapping). */
    private static final class PortWait extends AbstractWaitStrategy {
        private final String host;
        private final int port;

        PortWait(String host, int port) {
            this.host = host;
            this.port = port;
        }

        @Override
        protected void waitUntilReady() {
            long deadline = System.nanoTime() + startupTimeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (portTaken(host, port)) {
                    return;
                }
                if (!waitStrategyTarget.isRunning()) {
                    throw new IllegalStateException("the container exited before listening on " + host + ":" + port);
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for " + host + ":" + port, e);
                }
            }
            throw new IllegalStateException("nothing listened on " + host + ":" + port + " within " + startupTimeout);
        }
    }
}
