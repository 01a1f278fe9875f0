package dev.phoenix.docker;

import dev.phoenix.probe.Probe;
import dev.phoenix.probe.ProbeFactory;
import dev.phoenix.probe.ProbeSpec;
import dev.phoenix.spi.ProviderContext;
import dev.phoenix.spi.Settings;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code docker-diff}: the files added, changed or deleted in a container's filesystem since it
 * was created from its image ({@code docker diff}), one fact per path outside the allow-list.
 *
 * <pre>{@code
 * probes:
 *   - docker-diff
 *   - {docker-diff: {allow: [/srv/cache, "/app/*.pid"], default-allow: true, max-paths: 1000}}
 * }</pre>
 *
 * <ul>
 *   <li>{@code allow}: more paths that legitimately change; a path allows itself and everything
 *       under it, {@code *} and {@code ?} make a glob over the whole path</li>
 *   <li>{@code default-allow}: keep the default allow-list ({@link #DEFAULT_ALLOW}: scratch,
 *       runtime and log directories); {@code false} audits them too</li>
 *   <li>{@code max-paths}: at most this many paths are reported; the rest are counted</li>
 * </ul>
 *
 * Not allowed by default, on purpose: {@code /var/cache} (package managers write there when
 * someone installs into a running container) and shell history files (someone ran a shell in it).
 */
public final class DockerDiffProbeFactory implements ProbeFactory {

    static final List<String> KEYS = List.of("allow", "default-allow", "max-paths");

    /** Scratch, runtime and log directories: changes there are a container doing its job. */
    public static final List<String> DEFAULT_ALLOW = List.of("/tmp", "/var/tmp", "/run", "/var/run", "/var/log", "/var/lock");

    /** Mount points Docker itself adds to a container's filesystem; never a change by anyone in it. */
    static final List<String> ENGINE_PATHS = List.of("/sbin/docker-init", "/.dockerenv", "/etc/hosts", "/etc/hostname",
            "/etc/resolv.conf", "/proc", "/sys", "/dev");

    @Override
    public String name() {
        return "docker-diff";
    }

    @Override
    public List<String> keys() {
        return KEYS;
    }

    @Override
    public Probe create(ProbeSpec spec, ProviderContext ctx) {
        Settings s = spec.settings().requireKeys(KEYS);
        List<String> allow = new ArrayList<>(ENGINE_PATHS);
        if (s.bool("default-allow", true)) {
            allow.addAll(DEFAULT_ALLOW);
        }
        List<Settings> extra = s.child("allow").isNull() ? List.of()
                : s.child("allow").isScalar() ? List.of(s.child("allow")) : s.child("allow").elements();
        for (Settings a : extra) {
            String path = a.asString();
            if (!path.startsWith("/") && !path.startsWith("*")) {
                throw a.error("expected an absolute path such as /srv/cache, found '" + path + "'");
            }
            allow.add(path);
        }
        return new DockerDiffProbe(PathAllowList.of(allow), s.integer("max-paths", 1000, 1, 1_000_000), ctx);
    }
}
