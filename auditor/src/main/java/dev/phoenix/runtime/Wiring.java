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
import dev.phoenix.model.ChaosOptIn;
import dev.phoenix.spi.ConfigErrors;
import dev.phoenix.spi.ConfigException;
import dev.phoenix.spi.Sections;
import dev.phoenix.spi.ProviderContext;
import dev.phoenix.spi.Registry;
import dev.phoenix.chaos.ChaosSettings;
import dev.phoenix.stop.StopCondition;
import dev.phoenix.stop.StopConditionFactory;
import dev.phoenix.stop.StopConditionSpec;
import dev.phoenix.store.ObjectStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds each configured group's fleet and probes through the registries. Settings errors
 * surface here, located in the config file like every other configuration error, every one of
 * them at once (each group and each probe is built on its own); when there are any, every fleet
 * built is closed.
 *
 * <pre>{@code
 * List<GroupRuntime> groups = Wiring.build(config, ctx, app.fleets(), app.probes());   // ConfigFileException on bad settings
 * List<ConfigException> errors = Wiring.check(groups, optIn, sections, baseDir, ctx, fleets, probes);   // build and close at once
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
        ConfigErrors errors = new ConfigErrors();
        List<Fleet> built = new ArrayList<>();
        List<GroupRuntime> groups;
        try {
            groups = wire(config.groups(), new Inputs(config.chaos().optIn(), config.sections(), config.baseDir(), store), ctx, fleets,
                    probes, errors, built);
        } catch (RuntimeException e) {
            closeAll(built);
            throw e;
        }
        if (!errors.isEmpty()) {
            closeAll(built);
            throw config.locate(errors.all());
        }
        return groups;
    }

    /**
     * The settings errors the factories find in {@code groups}, each built and closed at once: what the
     * config loader adds to its own errors, so that one run reports both. A failure that is not a
     * settings error is left for {@link #build} to report.
     */
    public static List<ConfigException> check(List<GroupConfig> groups, ChaosOptIn optIn, Sections sections, Path baseDir,
                                              ProviderContext ctx, Registry<FleetFactory> fleets, Registry<ProbeFactory> probes) {
        ConfigErrors errors = new ConfigErrors();
        List<Fleet> built = new ArrayList<>();
        try {
            wire(groups, new Inputs(optIn, sections, baseDir, null), ctx, fleets, probes, errors, built);
        } catch (RuntimeException e) {
            LOG.debug("checking group settings stopped at a failure that is not a settings error", e);
        } finally {
            closeAll(built);
        }
        return errors.all();
    }

    /** What every group's fleet and probes are built with besides their own settings. */
    private record Inputs(ChaosOptIn optIn, Sections sections, Path baseDir, ObjectStore store) {
    }

    /** The groups whose fleet and probes all build; the errors of the others go to {@code errors}. */
    private static List<GroupRuntime> wire(List<GroupConfig> configs, Inputs in, ProviderContext ctx, Registry<FleetFactory> fleets,
                                           Registry<ProbeFactory> probes, ConfigErrors errors, List<Fleet> built) {
        List<GroupRuntime> groups = new ArrayList<>();
        for (GroupConfig g : configs) {
            FleetSpec spec = new FleetSpec(g.name(), g.source(), g.mutability(), in.optIn(), in.sections(), in.baseDir());
            Optional<Fleet> fleet = g.sourceType().equals(GroupConfig.NO_SOURCE) ? Optional.empty()
                    : errors.attempt(() -> fleets.get(g.sourceType(), g.source().path()).create(spec, ctx));
            fleet.ifPresent(built::add); // from here on it is closed if anything fails, even before its group is complete
            List<Probe> groupProbes = new ArrayList<>();
            for (GroupConfig.ProbeConfig p : g.probes()) {
                errors.attempt(() -> probes.get(p.type(), p.settings().path())
                        .create(new ProbeSpec(g.name(), p.settings(), in.optIn(), in.sections(), in.baseDir(), in.store()), ctx))
                        .ifPresent(groupProbes::add);
            }
            if (fleet.isPresent() && groupProbes.size() == g.probes().size()) {
                groups.add(new GroupRuntime(g.name(), fleet.get(), groupProbes, g.ignore(), g.identity(), g.expectedMembers()));
            }
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
