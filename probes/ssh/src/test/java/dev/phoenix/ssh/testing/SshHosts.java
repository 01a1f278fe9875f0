package dev.phoenix.ssh.testing;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import dev.phoenix.docker.testing.BusyboxContainers;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.HostConfig;
import dev.phoenix.testing.Requirements;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Real OpenSSH servers for tests: containers of {@link SshHostImage#IMAGE}, each a host with its
 * own file system and package database, sshd on its own 127.0.0.1 port (host networking), a host
 * key and an authorized user key generated here. {@link #exec} changes a host in place with its
 * own tools (dpkg, sed, systemctl) as root; {@link #close()} removes every container of the run.
 *
 * <pre>{@code
 * try (SshHosts hosts = SshHosts.create(dir)) {
 *     SshHosts.Host db = hosts.start("db-1");
 *     hosts.exec(db, "dpkg", "-i", "/var/cache/phoenix/phoenix-app_1.1_all.deb");
 * }
 * }</pre>
 */
public final class SshHosts implements AutoCloseable {

    public static final String RUN_LABEL = "phoenix.test.ssh-run";

    /** A started host: its name, container, port, and the host key it offers. */
    public record Host(String name, String container, int port, SshKeys.Pair hostKey) {

        /** This host's line for a known_hosts file. */
        public String knownHostsLine() {
            return "[127.0.0.1]:" + port + " " + hostKey.typeAndKey();
        }
    }

    private final DockerClient client;
    private final Path dir;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final SshKeys.Pair user;
    private final String image;

    private SshHosts(DockerClient client, Path dir, String image) {
        this.client = client;
        this.dir = dir;
        this.image = image;
        this.user = SshKeys.generate(dir, "id_audit", "ed25519");
    }

    /** Requires Docker (skip locally, fail under CI=true), builds the image when missing; keys go to {@code dir}. */
    public static SshHosts create(Path dir) {
        Requirements.docker();
        DockerClient client = BusyboxContainers.newClient();
        return new SshHosts(client, dir, SshHostImage.ensure(client));
    }

    /** The key authorized to log in as {@code audit} on every host. */
    public SshKeys.Pair user() {
        return user;
    }

    public Host start(String name) {
        return start(name, SshKeys.generate(dir, "host_" + name + "_" + UUID.randomUUID().toString().substring(0, 4), "ed25519"), null);
    }

    /** A host offering {@code hostKey}, trusting certificates of {@code userCa} (may be null). */
    public Host start(String name, SshKeys.Pair hostKey, SshKeys.Pair userCa) {
        int port = freePort();
        List<String> env = new ArrayList<>(List.of("PHOENIX_LISTEN=127.0.0.1:" + port, "PHOENIX_HOST_KEY=" + hostKey.base64(),
                "PHOENIX_AUTHORIZED_KEYS=" + user.publicLine()));
        if (userCa != null) {
            env.add("PHOENIX_USER_CA=" + userCa.publicLine());
        }
        String id = client.createContainerCmd(image)
                .withName("phx-ssh-" + name + "-" + run)
                .withLabels(Map.of(RUN_LABEL, run))
                .withEnv(env)
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("host"))
                .exec().getId();
        client.startContainerCmd(id).exec();
        Host h = new Host(name, id, port, hostKey);
        awaitBanner(h);
        return h;
    }

    /** Starts the hosts one after another (vfs copies each file system). */
    public List<Host> start(List<String> names) {
        return names.stream().map(this::start).toList();
    }

    /** Runs a command in the host as root and returns its output; fails on a non-zero exit. */
    public String exec(Host host, String... command) {
        return BusyboxContainers.exec(client, host.container(), command);
    }

    /** What sshd logged (to stderr, -e): "Accepted publickey ..." lines show who logged in. */
    public String log(Host host) {
        StringBuilder out = new StringBuilder();
        try {
            client.logContainerCmd(host.container()).withStdErr(true).withStdOut(true).exec(new ResultCallback.Adapter<Frame>() {
                @Override
                public void onNext(Frame frame) {
                    out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                }
            }).awaitCompletion(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out.toString();
    }

    /** Stops and removes one host. */
    public void remove(Host host) {
        client.removeContainerCmd(host.container()).withForce(true).exec();
    }

    /** A known_hosts file naming every host given. */
    public Path knownHosts(String fileName, List<Host> hosts) {
        try {
            Path f = dir.resolve(fileName);
            Files.writeString(f, String.join("\n", hosts.stream().map(Host::knownHostsLine).toList()) + "\n");
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitBanner(Host h) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), h.port()), 1000);
                s.setSoTimeout(2000);
                InputStream in = s.getInputStream();
                byte[] banner = new byte[4];
                if (in.readNBytes(banner, 0, 4) == 4 && new String(banner, StandardCharsets.US_ASCII).equals("SSH-")) {
                    return;
                }
            } catch (IOException notYet) {
                // sshd is still starting
            }
            try {
                Thread.sleep(100); // a test fixture waiting for a process it started; not an async test
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("sshd of " + h.name() + " did not answer on 127.0.0.1:" + h.port());
    }

    @Override
    public void close() {
        for (Container c : client.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(RUN_LABEL, run)).exec()) {
            try {
                client.removeContainerCmd(c.getId()).withForce(true).exec();
            } catch (NotFoundException gone) {
                // already removed
            }
        }
        try {
            client.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int freePort() {
        return BusyboxContainers.freePort();
    }
}
