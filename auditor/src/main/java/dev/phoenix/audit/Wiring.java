package dev.phoenix.audit;

import dev.phoenix.config.ConfigFileException;
import dev.phoenix.config.GroupConfig;
import dev.phoenix.config.PhoenixConfig;
import dev.phoenix.fleet.Fleet;
import dev.phoenix.fleet.FleetFactory;
import dev.phoenix.fleet.FleetSpec;
import dev.phoenix.probe.Probe;
import dev.phoenix.probe.ProbeFactory;
import dev.phoenix.probe.ProbeSpec;
import dev.phoenix.spi.ConfigException;
import dev.phoenix.spi.ProviderContext;
import dev.phoenix.spi.Registry;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds each configured group's fleet and probes through the registries. Settings errors
 * surface here, located in the config file like every other configuration error.
 */
public final class Wiring {

    private Wiring() {
    }

    public static List<GroupRuntime> build(PhoenixConfig config, ProviderContext ctx, Registry<FleetFactory> fleets,
                                           Registry<ProbeFactory> probes) {
        List<GroupRuntime> groups = new ArrayList<>();
        try {
            for (GroupConfig g : config.groups()) {
                FleetSpec spec = new FleetSpec(g.name(), g.source(), g.mutability(), config.root(), config.baseDir());
                Fleet fleet = fleets.get(g.sourceType(), g.source().path()).create(spec, ctx);
                List<Probe> built = new ArrayList<>();
                for (GroupConfig.ProbeConfig p : g.probes()) {
                    built.add(probes.get(p.type(), p.settings().path()).create(new ProbeSpec(g.name(), p.settings(), config.root()), ctx));
                }
                groups.add(new GroupRuntime(g.name(), fleet, built, g.ignore(), g.identity()));
            }
        } catch (ConfigException e) {
            groups.forEach(g -> g.fleet().close());
            throw ConfigFileException.at(config.file(), config.tree(), e);
        }
        return groups;
    }
}
