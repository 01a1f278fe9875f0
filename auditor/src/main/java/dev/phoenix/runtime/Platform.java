package dev.phoenix.runtime;

import dev.phoenix.config.ConfigLoader;
import dev.phoenix.fleet.FleetFactory;
import dev.phoenix.probe.ProbeFactory;
import dev.phoenix.spi.ProviderContext;
import dev.phoenix.spi.Registry;
import dev.phoenix.spi.SectionParser;
import dev.phoenix.stop.StopConditionFactory;
import dev.phoenix.store.ObjectStoreFactory;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What every runtime of a process shares, built once in {@code main}: Vert.x, the clock, the
 * environment, and the registries of the extension points on the class path.
 *
 * <pre>{@code
 * Platform platform = Platform.load(vertx, Clock.systemUTC(), System.getenv());
 * PhoenixConfig config = platform.configLoader().load(Path.of("phoenix.yaml"));
 * }</pre>
 */
@SuppressWarnings("rawtypes")
public record Platform(Vertx vertx, Clock clock, Map<String, String> env, Registry<FleetFactory> fleets,
                       Registry<ProbeFactory> probes, Registry<SectionParser> sections, Registry<ObjectStoreFactory> stores,
                       Registry<StopConditionFactory> stopConditions) {

    public Platform {
        Objects.requireNonNull(vertx, "vertx");
        Objects.requireNonNull(clock, "clock");
        env = Map.copyOf(env);
    }

    /** The platform with every source, probe, provider section and store scheme registered on the class path. */
    public static Platform load(Vertx vertx, Clock clock, Map<String, String> env) {
        return new Platform(vertx, clock, env, Registry.load(FleetFactory.class, "source"), Registry.load(ProbeFactory.class, "probe"),
                Registry.load(SectionParser.class, "section"), Registry.load(ObjectStoreFactory.class, "store scheme"),
                Registry.load(StopConditionFactory.class, "stop condition"));
    }

    /** A loader of the sources, probes and sections on the class path, for a command that reads its config before Vert.x starts. */
    public static ConfigLoader configLoader(Map<String, String> env) {
        return new ConfigLoader(Set.copyOf(Registry.load(FleetFactory.class, "source").names()),
                Set.copyOf(Registry.load(ProbeFactory.class, "probe").names()), Registry.load(SectionParser.class, "section"), env);
    }

    /**
     * The loader of this platform's configs: when a file has errors of its own, it also builds (and
     * closes at once) the fleets and probes of the groups that parsed, so that their settings errors
     * come in the same run.
     */
    public ConfigLoader configLoader() {
        return new ConfigLoader(Set.copyOf(fleets.names()), Set.copyOf(probes.names()), sections, env)
                .withCheck((groups, optIn, provider, baseDir) -> {
                    ProviderContext ctx = ProviderContext.standalone(vertx, clock, env);
                    try {
                        return Wiring.check(groups, optIn, provider, baseDir, ctx, fleets, probes);
                    } finally {
                        ctx.shared().close();
                    }
                });
    }
}
