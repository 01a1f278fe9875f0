package dev.phoenix.docker;

import com.github.dockerjava.api.model.ChangeLog;
import dev.phoenix.model.Fact;
import dev.phoenix.model.Member;
import dev.phoenix.model.Observation;
import dev.phoenix.probe.Probe;
import dev.phoenix.spi.ProviderContext;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * One {@linkplain Fact.Kind#IN_PLACE in-place} fact per path changed in the container's filesystem
 * against its image, outside the allow-list: {@code docker.diff./etc/app.conf=CHANGED} (or
 * {@code ADDED}, {@code DELETED}).
 * A pristine container has no such fact, so any of them makes an immutable container differ
 * from its group's golden fingerprint, and the drift names the path.
 *
 * <p>Docker reports the directories above a changed file as changed too ({@code C /etc} for an
 * edited {@code /etc/app.conf}); those are left out when a path below them is listed, so only
 * the files themselves are named.
 */
final class DockerDiffProbe implements Probe {

    static final String NAME = "docker-diff";
    /** Fact keys are this plus the absolute path. */
    static final String PREFIX = "docker.diff.";

    private final PathAllowList allow;
    private final int maxPaths;
    private final ProviderContext ctx;

    DockerDiffProbe(PathAllowList allow, int maxPaths, ProviderContext ctx) {
        this.allow = allow;
        this.maxPaths = maxPaths;
        this.ctx = ctx;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Future<Observation> observe(Member member) {
        return ContainerProbeSupport.observe(ctx, NAME, member, engine -> engine
                .call("diff " + ContainerProbeSupport.label(member), c -> c.containerDiffCmd(member.id()).exec())
                .map(changes -> Observation.ok(NAME, facts(changes == null ? List.of() : changes))));
    }

    List<Fact> facts(List<ChangeLog> changes) {
        TreeMap<String, String> byPath = new TreeMap<>();
        for (ChangeLog c : changes) {
            if (c.getPath() != null) {
                byPath.put(c.getPath(), kind(c.getKind()));
            }
        }
        List<Fact> facts = new ArrayList<>();
        int omitted = 0;
        for (var e : byPath.entrySet()) {
            String path = e.getKey();
            String next = byPath.higherKey(path);
            boolean hasChildren = next != null && next.startsWith(path.equals("/") ? "/" : path + "/");
            if (hasChildren || allow.allows(path)) {
                continue;
            }
            if (facts.size() >= maxPaths) {
                omitted++;
                continue;
            }
            facts.add(Fact.inPlace(PREFIX + path, e.getValue()));
        }
        if (omitted > 0) {
            facts.add(Fact.inPlace(PREFIX + "/(more paths)", String.valueOf(omitted)));
        }
        return facts;
    }

    private static String kind(Integer kind) {
        return switch (kind == null ? -1 : kind) {
            case 0 -> "CHANGED";
            case 1 -> "ADDED";
            case 2 -> "DELETED";
            default -> "UNKNOWN";
        };
    }
}
