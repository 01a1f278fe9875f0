package dev.phoenix.docker;

import dev.phoenix.fleet.Fleet;
import dev.phoenix.fleet.FleetFactory;
import dev.phoenix.fleet.FleetSpec;
import dev.phoenix.spi.ProviderContext;
import dev.phoenix.spi.Settings;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code docker}: the running containers of one Docker engine that carry the given labels
 * (and, optionally, whose names match a pattern).
 *
 * <pre>{@code
 * source:
 *   docker:
 *     labels: {app: api}                 # every label must match; "*" matches any value
 *     names: ["api-*"]                   # optional name globs ('*' any characters, '?' one)
 *     host: unix:///var/run/docker.sock  # default: docker.host at the top level, then DOCKER_HOST, then this
 *     stop-timeout: 10s                  # how long a replaced container gets to stop before it is killed
 * }</pre>
 *
 * Containers are immutable unless the group says otherwise or a container carries the label
 * {@code phoenix.mutability=mutable}. A top-level {@code docker: {host: ...}} section sets the
 * engine for every docker group.
 */
public final class DockerFleetFactory implements FleetFactory {

    static final List<String> KEYS = List.of("labels", "names", "host", "stop-timeout");

    @Override
    public String name() {
        return "docker";
    }

    @Override
    public List<String> keys() {
        return KEYS;
    }

    @Override
    public Fleet create(FleetSpec spec, ProviderContext ctx) {
        Settings s = spec.source().requireKeys(KEYS);
        Map<String, String> labels = s.stringMap("labels");
        List<String> names = s.strings("names");
        if (labels.isEmpty() && names.isEmpty()) {
            throw s.error("a docker source needs 'labels' or 'names' to select containers "
                    + "(e.g. labels: {app: api}); Phoenix never audits every container of an engine by accident");
        }
        Duration stopTimeout = s.duration("stop-timeout", Duration.ofSeconds(10), Duration.ZERO, Duration.ofHours(1));
        DockerSection docker = spec.sections().get(DockerSection.class);
        String host = host(s, docker, ctx);
        DockerEngines.Lease lease;
        try {
            lease = DockerEngines.of(ctx).lease(host);
        } catch (IllegalArgumentException e) {
            throw (s.has("host") ? s.child("host") : docker.where()).error(e.getMessage());
        }
        return new DockerFleet(new DockerFleet.Options(spec.group(), labels, names, spec.mutability(), spec.optIn(), stopTimeout), lease, ctx);
    }

    /** The engine address: the source's {@code host}, else {@code docker.host}, else {@code DOCKER_HOST}, else the local socket. */
    static String host(Settings source, DockerSection docker, ProviderContext ctx) {
        if (source.has("host")) {
            return source.string("host");
        }
        if (docker.host().isPresent()) {
            return docker.host().get();
        }
        String env = ctx.env().get("DOCKER_HOST");
        return env != null && !env.isBlank() ? env : DockerEngines.DEFAULT_HOST;
    }
}
