package dev.phoenix.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.RestartPolicy;
import dev.phoenix.model.Fact;
import dev.phoenix.model.FactFilter;
import dev.phoenix.model.Member;
import dev.phoenix.model.Observation;
import dev.phoenix.probe.Probe;
import dev.phoenix.spi.Errors;
import dev.phoenix.spi.ProviderContext;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Facts from {@code docker inspect} (and the image's repo digests):
 *
 * <pre>
 * docker.image                 the reference the container was created from
 * docker.image.id              image id (sha256:…), docker.image.repoDigests
 * docker.cmd, docker.entrypoint   JSON arrays
 * docker.env.NAME              one per variable; secret-looking values only as a digest
 * docker.label.KEY             one per label
 * docker.user, docker.workdir, docker.network.mode, docker.exposedPorts, docker.portBindings
 * docker.mount.DESTINATION     "bind /src rw", "volume name ro", "volume (anonymous) rw", "tmpfs"
 * docker.restartPolicy, docker.healthcheck, docker.init, docker.privileged,
 * docker.readonlyRootfs, docker.capAdd, docker.capDrop
 * </pre>
 *
 * Identity facts (reported, never compared): {@code docker.id}, {@code docker.name},
 * {@code docker.created}, {@code docker.startedAt}, {@code docker.pid}, {@code docker.ip},
 * {@code docker.hostname}, {@code docker.restartCount}, {@code docker.health} (the current health
 * status), the published host ports and the per-replica labels. A container that is not running,
 * or whose health check reports it unhealthy, is a failed observation: it is not in service.
 */
final class DockerInspectProbe implements Probe {

    static final String NAME = "docker-inspect";

    private final SecretEnv secrets;
    private final FactFilter identityLabels;
    private final ProviderContext ctx;

    DockerInspectProbe(SecretEnv secrets, FactFilter identityLabels, ProviderContext ctx) {
        this.secrets = secrets;
        this.identityLabels = identityLabels;
        this.ctx = ctx;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Future<Observation> observe(Member member) {
        return ContainerProbeSupport.observe(ctx, NAME, member, engine -> engine
                .call("inspect " + ContainerProbeSupport.label(member), c -> c.inspectContainerCmd(member.id()).exec())
                .compose(info -> {
                    if (!Boolean.TRUE.equals(info.getState().getRunning())) {
                        return Future.succeededFuture(Observation.failed(NAME, ContainerMembers.notRunning(member, info)));
                    }
                    var health = info.getState().getHealth();
                    if (health != null && "unhealthy".equals(health.getStatus())) {
                        return Future.succeededFuture(Observation.failed(NAME, "container " + ContainerProbeSupport.label(member)
                                + " is unhealthy" + lastHealthOutput(health)));
                    }
                    return engine.call("inspect image " + info.getImageId(), c -> c.inspectImageCmd(info.getImageId()).exec())
                            .map(image -> image.getRepoDigests() == null ? List.<String>of() : image.getRepoDigests())
                            .otherwise(e -> List.of("(image not found: " + Errors.message(e) + ")"))
                            .map(digests -> Observation.ok(NAME, facts(info, digests)));
                }));
    }

    private static String lastHealthOutput(com.github.dockerjava.api.command.HealthState health) {
        var log = health.getLog();
        if (log == null || log.isEmpty() || log.get(log.size() - 1).getOutput() == null || log.get(log.size() - 1).getOutput().isBlank()) {
            return "";
        }
        return " (last check: " + Errors.firstLine(log.get(log.size() - 1).getOutput()) + ")";
    }


    List<Fact> facts(InspectContainerResponse info, List<String> repoDigests) {
        var config = info.getConfig();
        HostConfig host = info.getHostConfig();
        List<Fact> facts = new ArrayList<>();
        facts.add(Fact.identity("docker.id", info.getId()));
        facts.add(Fact.identity("docker.name", ContainerMembers.name(info)));
        facts.add(Fact.identity("docker.created", info.getCreated()));
        facts.add(Fact.identity("docker.startedAt", info.getState().getStartedAt()));
        facts.add(Fact.identity("docker.pid", String.valueOf(info.getState().getPidLong())));
        facts.add(Fact.identity("docker.ip", ContainerMembers.ip(info)));
        facts.add(Fact.identity("docker.hostname", config.getHostName()));
        facts.add(Fact.identity("docker.restartCount", String.valueOf(info.getRestartCount())));

        facts.add(Fact.of("docker.image", config.getImage()));
        facts.add(Fact.of("docker.image.id", info.getImageId()));
        facts.add(Fact.of("docker.image.repoDigests", repoDigests.isEmpty() ? "none" : String.join(",", new TreeSet<>(repoDigests))));
        facts.add(Fact.of("docker.cmd", json(config.getCmd())));
        facts.add(Fact.of("docker.entrypoint", json(config.getEntrypoint())));
        for (String[] kv : SecretEnv.parse(config.getEnv())) {
            facts.add(Fact.of("docker.env." + kv[0], secrets.record(kv[0], kv[1])));
        }
        for (Map.Entry<String, String> label : ContainerMembers.labels(info).entrySet()) {
            String key = "docker.label." + label.getKey();
            facts.add(identityLabels.matches(label.getKey()) ? Fact.identity(key, label.getValue()) : Fact.of(key, label.getValue()));
        }
        facts.add(Fact.of("docker.user", orEmpty(config.getUser())));
        facts.add(Fact.of("docker.workdir", orEmpty(config.getWorkingDir())));
        facts.add(Fact.of("docker.network.mode", ContainerMembers.networkMode(info)));
        facts.add(Fact.of("docker.exposedPorts", String.join(",", ContainerMembers.exposed(info).stream().map(ExposedPort::toString).toList())));
        portBindings(host, facts);
        mounts(info, facts);
        facts.add(Fact.of("docker.restartPolicy", restartPolicy(host == null ? null : host.getRestartPolicy())));
        facts.add(Fact.of("docker.healthcheck", healthcheck(config.getHealthcheck())));
        var health = info.getState().getHealth();
        // the status comes and goes (starting, healthy): reported, never compared; unhealthy fails the probe
        facts.add(Fact.identity("docker.health", health == null || health.getStatus() == null ? "none" : health.getStatus()));
        if (host != null) {
            facts.add(Fact.of("docker.init", String.valueOf(Boolean.TRUE.equals(host.getInit()))));
            facts.add(Fact.of("docker.privileged", String.valueOf(Boolean.TRUE.equals(host.getPrivileged()))));
            facts.add(Fact.of("docker.readonlyRootfs", String.valueOf(Boolean.TRUE.equals(host.getReadonlyRootfs()))));
            facts.add(Fact.of("docker.capAdd", capabilities(host.getCapAdd())));
            facts.add(Fact.of("docker.capDrop", capabilities(host.getCapDrop())));
        }
        return facts;
    }

    private static void portBindings(HostConfig host, List<Fact> facts) {
        TreeSet<String> container = new TreeSet<>();
        TreeSet<String> published = new TreeSet<>();
        if (host != null && host.getPortBindings() != null && host.getPortBindings().getBindings() != null) {
            host.getPortBindings().getBindings().forEach((port, bindings) -> {
                container.add(port.toString());
                if (bindings != null) {
                    for (var b : bindings) {
                        published.add((b.getHostIp() == null || b.getHostIp().isEmpty() ? "0.0.0.0" : b.getHostIp()) + ":"
                                + orEmpty(b.getHostPortSpec()) + "->" + port);
                    }
                }
            });
        }
        facts.add(Fact.of("docker.portBindings", String.join(",", container)));
        facts.add(Fact.identity("docker.ports.published", String.join(",", published)));
    }

    private static void mounts(InspectContainerResponse info, List<Fact> facts) {
        if (info.getMounts() == null) {
            return;
        }
        Map<String, String> byDestination = new TreeMap<>();
        for (var m : info.getMounts()) {
            String destination = m.getDestination() == null ? "?" : m.getDestination().getPath();
            String mode = Boolean.FALSE.equals(m.getRW()) ? "ro" : "rw";
            String what;
            if (m.getName() != null && !m.getName().isEmpty()) {
                boolean anonymous = m.getName().matches("[0-9a-f]{64}");
                what = "volume " + (anonymous ? "(anonymous)" : m.getName());
            } else if (m.getSource() != null && !m.getSource().isEmpty()) {
                what = "bind " + m.getSource();
            } else {
                what = "tmpfs";
            }
            byDestination.put(destination, what + " " + mode);
        }
        byDestination.forEach((d, v) -> facts.add(Fact.of("docker.mount." + d, v)));
    }

    private static String restartPolicy(RestartPolicy p) {
        if (p == null || p.getName() == null || p.getName().isEmpty()) {
            return "no";
        }
        return p.getMaximumRetryCount() != null && p.getMaximumRetryCount() > 0 ? p.getName() + ":" + p.getMaximumRetryCount() : p.getName();
    }

    private static String healthcheck(HealthCheck h) {
        if (h == null || h.getTest() == null || h.getTest().isEmpty()) {
            return "none";
        }
        return json(h.getTest().toArray(String[]::new)) + " interval=" + h.getInterval() + " timeout=" + h.getTimeout()
                + " retries=" + h.getRetries();
    }

    private static String capabilities(Capability[] caps) {
        if (caps == null) {
            return "";
        }
        return String.join(",", new TreeSet<>(Arrays.stream(caps).map(Capability::name).toList()));
    }

    private static String json(String[] values) {
        return values == null ? "[]" : new JsonArray(List.of((Object[]) values)).encode();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
