package dev.phoenix.runtime;

import dev.phoenix.config.ConfigFileException;
import dev.phoenix.config.GroupConfig;
import dev.phoenix.config.PhoenixConfig;
import dev.phoenix.fleet.Fleet;
import dev.phoenix.fleet.FleetFactory;
import dev.phoenix.fleet.FleetSpec;
import dev.phoenix.observe.GroupRuntime;
import dev.phoenix.probe.Probe;
import dev.phoenix.probe.ProbeFactory;
import dev.phoenix.probe.ProbeSpec;
import dev.phoenix.spi.ConfigException;
import dev.phoenix.spi.ProviderContext;
import dev.phoenix.spi.Registry;
import dev.phoenix.chaos.ChaosSettings;
import dev.phoenix.stop.StopCondition;
import dev.phoenix.stop.StopConditionFactory;
import dev.phoenix.stop.StopConditionSpec;
import dev.phoenix.store.ObjectStore;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds each configured group's fleet and probes through the registries. Settings errors
 * surface here, located in the config file like every other configuration error; when one
 * does, every fleet built so far is closed.
 *
 * <pre>{@code
 * List<GroupRuntime> groups = Wiring.build(config, ctx, app.fleets(), app.probes());   // ConfigFileException on bad settings
 * }</pre>
 */
public final class Wiring {

    private static final Logger LOG = LoggerFactory.getLogger(Wiring.class);

    private Wiring() {
    }

    public static List<GroupRuntime> build(PhoenixConfig config, ProviderContext ctx, Registry<FleetFactory> fleets,
                                           Registry<ProbeFactory> probes) {
        return build(config, ctx, fleets, probes, null);
    }

    /** @param store Phoenix's store, for what probes keep between runs; null for none */
    public static List<GroupRuntime> build(PhoenixConfig config, ProviderContext ctx, Registry<FleetFactory> fleets,
                                           Registry<ProbeFactory> probes, ObjectStore store) {
        List<GroupRuntime> groups = new ArrayList<>();
        List<Fleet> built = new ArrayList<>();
        try {
            for (GroupConfig g : config.groups()) {
                FleetSpec spec = new FleetSpec(g.name(), g.source(), g.mutability(), config.chaos().optIn(), config.sections(),
                        config.baseDir());
                Fleet fleet = fleets.get(g.sourceType(), g.source().path()).create(spec, ctx);
                built.add(fleet); // from here on it is closed if anything fails, even before its group is complete
                List<Probe> groupProbes = new ArrayList<>();
                for (GroupConfig.ProbeConfig p : g.probes()) {
                    groupProbes.add(probes.get(p.type(), p.settings().path())
                            .create(new ProbeSpec(g.name(), p.settings(), config.chaos().optIn(), config.sections(), config.baseDir(),
                                    store), ctx));
                }
                groups.add(new GroupRuntime(g.name(), fleet, groupProbes, g.ignore(), g.identity(), g.expectedMembers()));
            }
        } catch (RuntimeException e) {
            closeAll(built);
            throw e instanceof ConfigException ce ? ConfigFileException.at(config.file(), config.tree(), ce) : e;
        }
        return groups;
    }

    /**
     * Builds {@code chaos.stop-conditions} through their factories; a bad one is a configuration error
     * located in the file.
     */
    public static List<StopCondition> stopConditions(PhoenixConfig config, ProviderContext ctx, Registry<StopConditionFactory> factories) {
        List<StopCondition> out = new ArrayList<>();
        List<ChaosSettings.Condition> conditions = config.chaos().stopConditions();
        for (int i = 0; i < conditions.size(); i++) {
            ChaosSettings.Condition c = conditions.get(i);
            try {
                out.add(factories.get(c.type(), "chaos.stop-conditions[" + i + "]." + c.type())
                        .create(new StopConditionSpec(c.settings(), config.sections()), ctx));
            } catch (ConfigException e) {
                throw config.locate(e);
            }
        }
        return out;
    }

    /** Closes fleets built for a wiring that failed; a failure to close is logged, never hides the error. */
    private static void closeAll(List<Fleet> fleets) {
        for (Fleet fleet : fleets) {
            try {
                fleet.close().onFailure(e -> LOG.warn("closing the {} fleet after a configuration error failed: {}",
                        fleet.provider(), e.getMessage()));
            } catch (RuntimeException e) {
                LOG.warn("closing the {} fleet after a configuration error failed: {}", fleet.provider(), e.getMessage());
            }
        }
    }
}
