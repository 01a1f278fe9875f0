package dev.phoenix.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import dev.phoenix.fleet.Fleet;
import dev.phoenix.model.FactFilter;
import dev.phoenix.model.ChaosOptIn;
import dev.phoenix.model.Member;
import dev.phoenix.model.Mutability;
import dev.phoenix.spi.Errors;
import dev.phoenix.spi.Poll;
import dev.phoenix.spi.ProviderContext;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running containers of one engine selected by labels and name patterns.
 *
 * <p>{@link #replace} burns a container down and raises it again from its own spec: it captures
 * the creation spec from {@code docker inspect}, stops and removes the victim (with its
 * anonymous volumes), creates a container with the same name, image, command, environment,
 * labels and host configuration, starts it, and completes once it is running, and healthy
 * when it has a health check. The name is reused so that whatever finds the container by name
 * (scripts, {@code docker logs}, DNS on user-defined networks, Compose) still finds it. Once the
 * replace's deadline has passed (the engine has given up on it), the victim is not stopped.
 */
final class DockerFleet implements Fleet {

    private static final Logger LOG = LoggerFactory.getLogger(DockerFleet.class);
    private static final Duration POLL = Duration.ofMillis(200);

    record Options(String group, Map<String, String> labels, List<String> names, Optional<Mutability> mutability, ChaosOptIn optIn,
                   Duration stopTimeout) {
    }

    private final Options options;
    private final DockerEngines.Lease lease;
    private final DockerEngine engine;
    private final ProviderContext ctx;
    private final FactFilter names;

    DockerFleet(Options options, DockerEngines.Lease lease, ProviderContext ctx) {
        this.options = options;
        this.lease = lease;
        this.engine = lease.engine();
        this.ctx = ctx;
        this.names = FactFilter.of(options.names());
    }

    @Override
    public String provider() {
        return ContainerMembers.PROVIDER;
    }

    /** The label that says how many replicas a group of containers should have (the largest value among them counts). */
    static final String REPLICAS_LABEL = "phoenix.replicas";

    private volatile Integer replicas;

    /** The {@code phoenix.replicas} label of the group's containers, as the last discovery read it. */
    @Override
    public Optional<Integer> expectedSize() {
        return Optional.ofNullable(replicas);
    }

    @Override
    public Future<List<Member>> discover() {
        List<String> filter = options.labels().entrySet().stream()
                .map(e -> e.getValue().equals("*") ? e.getKey() : e.getKey() + "=" + e.getValue())
                .toList();
        // every state: a container stopped by hand is a member that is down, not one that never existed
        return engine.call("list containers", c -> c.listContainersCmd()
                        .withShowAll(true)
                        .withLabelFilter(filter.isEmpty() ? List.of() : filter)
                        .exec())
                .recover(e -> Future.failedFuture(e instanceof DockerEngine.DockerCallException dce && dce.unreachable()
                        ? new UnreachableException(dce.getMessage(), dce) : e))
                .compose(containers -> {
                    List<Future<Optional<Member>>> inspected = new ArrayList<>();
                    for (Container c : containers) {
                        if (names.isEmpty() || matchesName(c)) {
                            inspected.add(inspectMember(c.getId()));
                        }
                    }
                    return Future.all(inspected).map(all -> {
                        List<Member> members = inspected.stream()
                                .map(Future::result)
                                .flatMap(Optional::stream)
                                .sorted(Comparator.comparing((Member m) -> m.attribute("name")).thenComparing(Member::id))
                                .toList();
                        replicas = members.stream().map(m -> m.attribute("label:" + REPLICAS_LABEL))
                                .filter(v -> v != null && v.matches("\\d{1,6}")).map(Integer::valueOf).max(Integer::compare).orElse(null);
                        return members;
                    });
                });
    }

    private boolean matchesName(Container c) {
        if (c.getNames() == null) {
            return false;
        }
        for (String n : c.getNames()) {
            if (names.matches(n.startsWith("/") ? n.substring(1) : n)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The container as a member (not in service, with its state and exit code, when it is not running),
     * or empty when it went away since it was listed.
     */
    private Future<Optional<Member>> inspectMember(String id) {
        return engine.call("inspect " + ContainerMembers.shortId(id), c -> c.inspectContainerCmd(id).exec())
                .map(info -> {
                    Member m = member(info);
                    return Optional.of(Boolean.TRUE.equals(info.getState().getRunning()) ? m
                            : m.notInService(ContainerMembers.notRunning(m, info)));
                })
                .recover(e -> {
                    if (e instanceof DockerEngine.DockerCallException dce && dce.status() == 404) {
                        return Future.succeededFuture(Optional.empty());
                    }
                    return Future.failedFuture(e);
                });
    }

    private Member member(InspectContainerResponse info) {
        return ContainerMembers.member(info, options.group(), options.mutability(), options.optIn(), engine.host());
    }

    @Override
    public Future<Member> replace(Member victim, Duration timeout) {
        long deadline = ctx.clock().millis() + timeout.toMillis();
        String id = victim.id();
        String label = victim.attribute("name") == null ? id : victim.attribute("name") + " (" + id + ")";
        return engine.call("inspect " + label, c -> c.inspectContainerCmd(id).exec())
                .map(ContainerSpec::capture)
                .compose(this::pinImage)
                .compose(spec -> {
                    long late = ctx.clock().millis() - deadline;
                    if (late >= 0) {
                        // the engine has given up on this replace: stopping the victim now would leave nothing in its place
                        return Future.failedFuture("not stopping " + label + ": the replace deadline passed " + late + " ms ago");
                    }
                    LOG.info("replacing container {} from its spec: {}", label, spec.describe());
                    int stopSeconds = (int) Math.max(0, Math.min(options.stopTimeout().toSeconds(),
                            (deadline - ctx.clock().millis()) / 1000));
                    return engine.call("stop " + label, c -> {
                                try {
                                    c.stopContainerCmd(id).withTimeout(stopSeconds).exec();
                                } catch (com.github.dockerjava.api.exception.NotModifiedException alreadyStopped) {
                                    LOG.debug("{} was already stopped", label);
                                }
                                return null;
                            })
                            .compose(v -> engine.call("remove " + label,
                                    c -> c.removeContainerCmd(id).withRemoveVolumes(true).withForce(true).exec()))
                            .compose(v -> engine.call("create a replacement for " + label, spec::create)
                                    .recover(e -> Future.failedFuture(new IllegalStateException(e.getMessage()
                                            + "; the victim was removed, recreate it by hand from: " + spec.describe(), e))))
                            .compose(newId -> engine.call("start " + ContainerMembers.shortId(newId),
                                    c -> c.startContainerCmd(newId).exec()).map(v -> newId))
                            .compose(newId -> awaitReady(newId, spec, deadline));
                });
    }

    /**
     * Creates from the victim's image reference only while it still names the victim's image;
     * when the tag has moved on, from the image id, so that the replacement is built from exactly
     * what the victim was.
     */
    private Future<ContainerSpec> pinImage(ContainerSpec spec) {
        if (spec.image().equals(spec.imageId()) || spec.imageId() == null) {
            return Future.succeededFuture(spec);
        }
        return engine.call("inspect image " + spec.image(), c -> c.inspectImageCmd(spec.image()).exec().getId())
                .map(current -> {
                    if (current.equals(spec.imageId())) {
                        return spec;
                    }
                    LOG.warn("image {} now points to {}, not the victim's {}: the replacement is created from the image id",
                            spec.image(), current, spec.imageId());
                    return spec.withImage(spec.imageId());
                })
                .otherwise(e -> spec.withImage(spec.imageId()));
    }

    /** Polls until the new container runs (and is healthy, with a health check); fails when it exits or the deadline passes. */
    private Future<Member> awaitReady(String id, ContainerSpec spec, long deadline) {
        String label = spec.name() + " (" + ContainerMembers.shortId(id) + ")";
        return Poll.until(ctx, deadline, POLL, POLL, () -> engine.call("inspect " + label, c -> c.inspectContainerCmd(id).exec())
                .compose(info -> {
                    var state = info.getState();
                    boolean running = Boolean.TRUE.equals(state.getRunning());
                    String health = state.getHealth() == null ? null : state.getHealth().getStatus();
                    if (running && (!spec.hasHealthcheck() || "healthy".equals(health))) {
                        return Future.succeededFuture(Poll.done(member(info)));
                    }
                    if ("unhealthy".equals(health)) {
                        return Future.failedFuture("replacement " + label + " is unhealthy" + lastHealthOutput(info));
                    }
                    if (!running && !Boolean.TRUE.equals(state.getRestarting()) && state.getFinishedAt() != null
                            && !state.getFinishedAt().startsWith("0001-")) {
                        return Future.failedFuture("replacement " + label + " exited with code " + state.getExitCodeLong()
                                + (state.getError() == null || state.getError().isEmpty() ? "" : ": " + state.getError()));
                    }
                    return Future.succeededFuture(Poll.<Member>pending((running ? "healthy" : "running") + " in time (status "
                            + state.getStatus() + (health == null ? "" : ", health " + health) + ")"));
                }))
                .recover(Poll.expired(last -> "replacement " + label + " was not " + last));
    }

    private static String lastHealthOutput(InspectContainerResponse info) {
        var log = info.getState().getHealth().getLog();
        if (log == null || log.isEmpty() || log.get(log.size() - 1).getOutput() == null) {
            return "";
        }
        return ": " + Errors.firstLine(log.get(log.size() - 1).getOutput());
    }

    @Override
    public Future<Void> close() {
        lease.release();
        return Future.succeededFuture();
    }
}
