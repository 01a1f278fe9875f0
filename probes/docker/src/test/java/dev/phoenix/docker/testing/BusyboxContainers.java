package dev.phoenix.docker.testing;

import dev.phoenix.testing.Requirements;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Busybox containers for tests on a real Docker engine: host networking, each serving
 * {@code /www} over HTTP on its own free 127.0.0.1 port. Every container carries the label
 * {@code phoenix.test.run=<unique id>}, and {@link #close()} removes everything with that label,
 * including replacements Phoenix created, so nothing is left behind when a test fails.
 *
 * <p>Testcontainers' {@code GenericContainer} is not used here: Phoenix replaces containers
 * behind the test's back (stop, remove, create under the same name), which a Testcontainers
 * handle cannot follow, and without a bridge there is no port mapping to wait on.
 *
 * <pre>{@code
 * try (BusyboxContainers boxes = BusyboxContainers.create()) {
 *     BusyboxContainers.Box web = boxes.start("web", Map.of("app", "web"));
 *     boxes.exec(web.id(), "sh", "-c", "echo hacked >> /etc/app.conf");
 * }
 * }</pre>
 */
public final class BusyboxContainers implements AutoCloseable {

    /** The label every container of a run carries. */
    public static final String RUN_LABEL = "phoenix.test.run";

    /** A started container: its full id, name and HTTP port on 127.0.0.1. */
    public record Box(String id, String name, int port) {

        public String shortId() {
            return id.substring(0, 12);
        }

        public String url() {
            return "http://127.0.0.1:" + port + "/state";
        }
    }

    private final DockerClient client;
    private final String run;
    private final String image;
    private int counter;

    private BusyboxContainers(DockerClient client, String run, String image) {
        this.client = client;
        this.run = run;
        this.image = image;
    }

    /** Requires a Docker engine (skip locally, fail under CI), imports the image if missing. */
    public static BusyboxContainers create() {
        Requirements.docker();
        DockerClient client = newClient();
        return new BusyboxContainers(client, UUID.randomUUID().toString().substring(0, 8), DockerImages.busybox(client));
    }

    /** A client for the engine at {@code DOCKER_HOST} or the local socket. */
    public static DockerClient newClient() {
        String host = System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(host).build();
        return DockerClientImpl.getInstance(config, new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost()).responseTimeout(Duration.ofSeconds(60)).build());
    }

    /** This run's unique id, the value of {@link #RUN_LABEL}. */
    public String run() {
        return run;
    }

    public DockerClient client() {
        return client;
    }

    /** A unique container name for this run. */
    public String name(String prefix) {
        return "phx-" + prefix + "-" + run + "-" + (++counter);
    }

    /** Starts a container serving HTTP with {@code labels} (plus the run label). */
    public Box start(String prefix, Map<String, String> labels) {
        return start(prefix, labels, null);
    }

    /** Starts a container; with a {@code healthcheck} Docker runs it every 200 ms. */
    public Box start(String prefix, Map<String, String> labels, List<String> healthcheck) {
        return start(prefix, labels, healthcheck, "");
    }

    /**
     * Starts a container whose command first runs {@code boot} (a shell snippet, e.g. one writing a
     * random value into a config file), then serves HTTP.
     */
    public Box start(String prefix, Map<String, String> labels, List<String> healthcheck, String boot) {
        int port = freePort();
        String name = name(prefix);
        Map<String, String> all = new LinkedHashMap<>(labels);
        all.put(RUN_LABEL, run);
        var cmd = client.createContainerCmd(image)
                .withName(name)
                .withLabels(all)
                .withEnv("PORT=" + port)
                .withExposedPorts(ExposedPort.tcp(port))
                .withCmd("sh", "-c", (boot.isEmpty() ? "" : boot + "; ") + "exec httpd -f -p 127.0.0.1:$PORT -h /www")
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("host").withInit(true));
        if (healthcheck != null) {
            cmd.withHealthcheck(new HealthCheck().withTest(healthcheck).withInterval(200_000_000L)
                    .withTimeout(2_000_000_000L).withRetries(3).withStartPeriod(0L));
        }
        String id = cmd.exec().getId();
        client.startContainerCmd(id).exec();
        return new Box(id, name, port);
    }

    /** Runs a command in a container and returns its stdout; fails on a non-zero exit. */
    public String exec(String container, String... command) {
        return exec(client, container, command);
    }

    /** Runs a command in a container of the engine behind {@code client} and returns its output; fails on a non-zero exit. */
    public static String exec(DockerClient client, String container, String... command) {
        String execId = client.execCreateCmd(container).withCmd(command).withAttachStdout(true).withAttachStderr(true).exec().getId();
        StringBuilder out = new StringBuilder();
        try (var cb = client.execStartCmd(execId).exec(new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame frame) {
                out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
            }
        })) {
            if (!cb.awaitCompletion(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("exec " + String.join(" ", command) + " did not finish");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Long exit = client.inspectExecCmd(execId).exec().getExitCodeLong();
        if (exit == null || exit != 0) {
            throw new IllegalStateException("exec " + String.join(" ", command) + " in " + container + " exited " + exit + ": " + out);
        }
        return out.toString();
    }

    /** Kills a container (it stays, exited). */
    public void kill(String container) {
        client.killContainerCmd(container).exec();
    }

    public InspectContainerResponse inspect(String container) {
        return client.inspectContainerCmd(container).exec();
    }

    /** Whether a container with this id exists at all. */
    public boolean exists(String container) {
        try {
            client.inspectContainerCmd(container).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /** This run's containers, running or not. */
    public List<Container> containers() {
        return client.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(RUN_LABEL, run)).exec();
    }

    /** Removes every container of this run, replacements included. */
    @Override
    public void close() {
        List<String> failures = new ArrayList<>();
        for (Container c : containers()) {
            try {
                client.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
            } catch (NotFoundException gone) {
                // already removed
            } catch (RuntimeException e) {
                failures.add(c.getId() + ": " + e.getMessage());
            }
        }
        try {
            client.close();
        } catch (IOException e) {
            failures.add("closing the client: " + e.getMessage());
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("could not remove test containers: " + failures);
        }
    }

    /** A port free on 127.0.0.1 right now. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
