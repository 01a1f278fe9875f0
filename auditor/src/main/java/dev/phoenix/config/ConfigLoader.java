package dev.phoenix.config;

import dev.phoenix.chaos.ChaosSettings;
import dev.phoenix.cluster.ClusterSettings;
import dev.phoenix.history.HistorySettings;
import dev.phoenix.model.FactFilter;
import dev.phoenix.model.Mutability;
import dev.phoenix.schedule.ScheduleSettings;
import dev.phoenix.spi.ConfigException;
import dev.phoenix.spi.Registry;
import dev.phoenix.spi.SectionParser;
import dev.phoenix.spi.Sections;
import dev.phoenix.spi.Settings;
import dev.phoenix.spi.Suggest;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and validates a Phoenix config file. Every problem is a {@link ConfigFileException}
 * naming file, line and key:
 *
 * <pre>{@code
 * phoenix.yaml:7:9: groups[0].source.simulatd: unknown source 'simulatd' (did you mean 'simulated'?); valid: ...
 * }</pre>
 *
 * The document is parsed once, here, into one typed {@link PhoenixConfig}: each section by its own
 * concept's parser ({@link ChaosSettings}, {@link ScheduleSettings}, {@link HistorySettings},
 * {@link ReportSettings}, {@link ProbingSettings}, {@link ClusterSettings}), and each provider section ({@code aws:},
 * {@code docker:}) by the {@link SectionParser} its adapter registers. Source and probe names are
 * checked against the registries here; their settings are checked when the fleets and probes are
 * built ({@link dev.phoenix.runtime.Wiring}), with the same messages.
 */
public final class ConfigLoader {

    /** The top-level keys of the engine's own sections; provider sections ({@link SectionParser}) come on top. */
    static final List<String> ENGINE_KEYS = List.of("store", "groups", "chaos", "schedule", "history", "report", "probing", "cluster");
    public static final List<String> GROUP_KEYS = List.of("name", "source", "mutability", "probes", "ignore", "identity",
            "expected-members", "zone");

    private final Set<String> sources;
    private final Set<String> probes;
    @SuppressWarnings("rawtypes")
    private final Registry<SectionParser> sections;
    private final Map<String, String> env;

    /**
     * @param sources the registered fleet factory names
     * @param probes  the registered probe factory names
     * @param env     the environment ({@code AWS_ENDPOINT_URL} and the like, which defaults depend on)
     */
    public ConfigLoader(Set<String> sources, Set<String> probes, Map<String, String> env) {
        this(sources, probes, Registry.load(SectionParser.class, "section"), env);
    }

    /** @param sections the registered provider-section parsers */
    @SuppressWarnings("rawtypes")
    public ConfigLoader(Set<String> sources, Set<String> probes, Registry<SectionParser> sections, Map<String, String> env) {
        this.sources = Set.copyOf(sources);
        this.probes = Set.copyOf(probes);
        this.sections = sections;
        this.env = Map.copyOf(env);
    }

    /** Every valid top-level key: the engine's sections and the registered provider sections. */
    @SuppressWarnings("rawtypes")
    public static List<String> keys(Registry<SectionParser> sections) {
        List<String> keys = new ArrayList<>(ENGINE_KEYS);
        keys.addAll(sections.names());
        return List.copyOf(keys);
    }

    public PhoenixConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigFileException(file, "", "", "no such file");
        } catch (IOException e) {
            throw new ConfigFileException(file, "", "", "cannot read: " + e.getMessage());
        }
        return parse(file, new StringReader(text));
    }

    public PhoenixConfig parse(Path file, Reader reader) {
        YamlTree tree = YamlTree.parse(reader, file);
        try {
            return build(file, tree);
        } catch (ConfigException e) {
            throw ConfigFileException.at(file, tree, e);
        }
    }

    private PhoenixConfig build(Path file, YamlTree tree) {
        if (tree.root() == null) {
            throw new ConfigException("", "the file is empty; it needs at least 'groups'");
        }
        Settings root = Settings.of("", tree.root());
        if (!root.isMap()) {
            throw new ConfigException("", "expected a map of keys at the top level");
        }
        root.requireKeys(keys(sections));
        List<Settings> groupNodes = root.list("groups");
        if (groupNodes.isEmpty()) {
            throw new ConfigException(root.has("groups") ? "groups" : "", "at least one group is required under 'groups'");
        }
        List<GroupConfig> groups = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Settings g : groupNodes) {
            GroupConfig group = group(g);
            if (!names.add(group.name())) {
                throw g.child("name").error("duplicate group name '" + group.name() + "'");
            }
            groups.add(group);
        }
        ChaosSettings chaos = ChaosSettings.parse(root.child("chaos"));
        for (int i = 0; i < chaos.groups().size(); i++) {
            if (!names.contains(chaos.groups().get(i))) {
                throw new ConfigException("chaos.groups[" + i + "]", "no group named '" + chaos.groups().get(i) + "'"
                        + Suggest.didYouMean(chaos.groups().get(i), names));
            }
        }
        // a provider section the config has fails here, with its line; one from the environment alone where it is used
        Sections provider = Sections.parse(root, sections, env);
        return new PhoenixConfig(file, tree, root.string("store", ".phoenix"), provider, groups, chaos,
                root.has("report") ? ReportSettings.parse(root.child("report")) : ReportSettings.defaults(),
                ProbingSettings.parse(root.has("probing") ? root.child("probing") : Settings.empty("probing"), provider.emulated()),
                ScheduleSettings.parse(root.child("schedule")), HistorySettings.parse(root.child("history")),
                ClusterSettings.parse(root.child("cluster")));
    }

    private GroupConfig group(Settings g) {
        g.requireKeys(GROUP_KEYS);
        String name = g.string("name");
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
            throw g.child("name").error("group names are letters, digits, '.', '-' and '_' (at most 63), found '" + name + "'");
        }
        Settings sourceNode = g.child("source");
        if (sourceNode.isNull()) {
            throw sourceNode.error("required key 'source' is missing (one of: " + String.join(", ", sorted(sources)) + ")");
        }
        if (!sourceNode.isMap() || sourceNode.keys().size() != 1) {
            throw sourceNode.error("expected exactly one source, e.g. {simulated: {members: 3}}; one of: "
                    + String.join(", ", sorted(sources)));
        }
        String sourceType = sourceNode.keys().iterator().next();
        if (!sources.contains(sourceType)) {
            throw sourceNode.child(sourceType).error("unknown source '" + sourceType + "'"
                    + Suggest.didYouMean(sourceType, sources) + "; valid: " + String.join(", ", sorted(sources)));
        }
        Settings sourceSettings = sourceNode.child(sourceType);
        if (sourceSettings.isNull()) {
            sourceSettings = Settings.empty(sourceSettings.path());
        }
        Optional<Mutability> mutability = g.optionalString("mutability").map(text -> Mutability.parse(text)
                .orElseThrow(() -> g.child("mutability").error("expected mutable or immutable, found '" + text + "'")));
        List<GroupConfig.ProbeConfig> probeConfigs = new ArrayList<>();
        List<Settings> probeNodes = g.list("probes");
        if (probeNodes.isEmpty()) {
            throw new ConfigException(g.has("probes") ? g.child("probes").path() : g.path(),
                    "group '" + name + "' needs at least one probe under 'probes' (one of: " + String.join(", ", sorted(probes)) + ")");
        }
        for (Settings p : probeNodes) {
            probeConfigs.add(probe(p));
        }
        Integer expected = g.has("expected-members") ? g.integer("expected-members", 0, 0, 1_000_000) : null;
        String zone = g.optionalString("zone").orElse(null);
        if (zone != null && !ClusterSettings.validZone(zone)) {
            throw g.child("zone").error("zone names are letters, digits, '.', ':', '-' and '_' (at most 63), found '" + zone + "'");
        }
        return new GroupConfig(name, sourceType, sourceSettings, mutability, probeConfigs,
                FactFilter.of(g.strings("ignore")), FactFilter.of(g.strings("identity")), expected, zone, g);
    }

    private GroupConfig.ProbeConfig probe(Settings p) {
        String type;
        Settings settings;
        if (p.isScalar()) {
            type = p.asString();
            settings = Settings.empty(p.path());
        } else if (p.isMap() && p.keys().size() == 1) {
            type = p.keys().iterator().next();
            settings = p.child(type);
            if (settings.isNull()) {
                settings = Settings.empty(settings.path());
            }
        } else {
            throw p.error("expected a probe name or a one-key map such as {http: {url: ...}}");
        }
        if (!probes.contains(type)) {
            throw new ConfigException(p.isScalar() ? p.path() : p.path() + "." + type, "unknown probe '" + type + "'"
                    + Suggest.didYouMean(type, probes) + "; valid: " + String.join(", ", sorted(probes)));
        }
        return new GroupConfig.ProbeConfig(type, settings);
    }

    private static List<String> sorted(Set<String> names) {
        return names.stream().sorted().toList();
    }
}
