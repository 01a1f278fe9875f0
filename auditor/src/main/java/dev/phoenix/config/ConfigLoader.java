package dev.phoenix.config;

import dev.phoenix.chaos.ChaosSettings;
import dev.phoenix.cluster.ClusterSettings;
import dev.phoenix.history.HistorySettings;
import dev.phoenix.io.InputFiles;
import dev.phoenix.model.ChaosOptIn;
import dev.phoenix.model.FactFilter;
import dev.phoenix.model.Mutability;
import dev.phoenix.schedule.ScheduleSettings;
import dev.phoenix.spi.ConfigErrors;
import dev.phoenix.spi.ConfigException;
import dev.phoenix.spi.Registry;
import dev.phoenix.spi.SectionParser;
import dev.phoenix.spi.Sections;
import dev.phoenix.spi.Settings;
import dev.phoenix.spi.Suggest;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and validates a Phoenix config file. Every problem is located, naming file, line and key,
 * and one run reports every problem it can find, in line order ({@link ConfigFileException#lines()}):
 *
 * <pre>{@code
 * phoenix.yaml:7:9: groups[0].source.simulatd: unknown source 'simulatd' (did you mean 'simulated'?); valid: ...
 * phoenix.yaml:9:20: groups[0].probes[1]: unknown probe 'htp' (did you mean 'http'?); valid: ...
 * }</pre>
 *
 * The document is parsed once, here, into one typed {@link PhoenixConfig}: each section by its own
 * concept's parser ({@link ChaosSettings}, {@link ScheduleSettings}, {@link HistorySettings},
 * {@link ReportSettings}, {@link ProbingSettings}, {@link ClusterSettings}), and each provider section ({@code aws:},
 * {@code docker:}) by the {@link SectionParser} its adapter registers. Each section, group and probe
 * is checked on its own, so that one mistake does not hide the next. Source and probe names are
 * checked against the registries here; their settings are checked when the fleets and probes are
 * built ({@link dev.phoenix.runtime.Wiring}), with the same messages, and, when this loader found
 * errors of its own, by its {@link SettingsCheck} too, so that they come in the same run.
 *
 * <p>The file is read only if it is a regular file of at most {@link InputFiles#CONFIG_LIMIT} bytes
 * of UTF-8.
 */
public final class ConfigLoader {

    /** The top-level keys of the engine's own sections; provider sections ({@link SectionParser}) come on top. */
    static final List<String> ENGINE_KEYS = List.of("store", "groups", "chaos", "schedule", "history", "report", "probing", "cluster");
    public static final List<String> GROUP_KEYS = List.of("name", "source", "mutability", "probes", "ignore", "identity",
            "expected-members", "zone");

    /**
     * The settings errors that only the fleet and probe factories find, for the groups that parsed.
     *
     * <pre>{@code
     * loader.withCheck((groups, optIn, sections, baseDir) -> Wiring.check(groups, optIn, sections, baseDir, ctx, fleets, probes));
     * }</pre>
     */
    @FunctionalInterface
    public interface SettingsCheck {
        List<ConfigException> check(List<GroupConfig> groups, ChaosOptIn optIn, Sections sections, Path baseDir);
    }

    private final Set<String> sources;
    private final Set<String> probes;
    @SuppressWarnings("rawtypes")
    private final Registry<SectionParser> sections;
    private final Map<String, String> env;
    private final SettingsCheck check;

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
        this(sources, probes, sections, env, null);
    }

    @SuppressWarnings("rawtypes")
    private ConfigLoader(Set<String> sources, Set<String> probes, Registry<SectionParser> sections, Map<String, String> env,
                         SettingsCheck check) {
        this.sources = Set.copyOf(sources);
        this.probes = Set.copyOf(probes);
        this.sections = sections;
        this.env = Map.copyOf(env);
        this.check = check;
    }

    /** This loader, also running {@code check} on the groups that parsed when the file has other errors. */
    public ConfigLoader withCheck(SettingsCheck newCheck) {
        return new ConfigLoader(sources, probes, sections, env, newCheck);
    }

    /** Every valid top-level key: the engine's sections and the registered provider sections. */
    @SuppressWarnings("rawtypes")
    public static List<String> keys(Registry<SectionParser> sections) {
        List<String> keys = new ArrayList<>(ENGINE_KEYS);
        keys.addAll(sections.names());
        return List.copyOf(keys);
    }

    public PhoenixConfig load(Path file) {
        byte[] bytes;
        try {
            bytes = InputFiles.readBytes(file, InputFiles.CONFIG_LIMIT);
        } catch (NoSuchFileException e) {
            throw new ConfigFileException(file, "", "", "no such file");
        } catch (InputFiles.Refused e) {
            throw new ConfigFileException(file, "", "", e.getMessage());
        } catch (IOException e) {
            throw new ConfigFileException(file, "", "", "cannot read: " + InputFiles.reason(e));
        }
        String text;
        try {
            text = InputFiles.decode(bytes);
        } catch (InputFiles.NotUtf8 e) {
            String key = YamlTree.keyBefore(new String(bytes, StandardCharsets.UTF_8), e.line(), e.column());
            throw new ConfigFileException(file, e.line() + ":" + e.column(), "", "not UTF-8" + (key.isEmpty() ? "" : " after " + key)
                    + ": byte 0x" + String.format("%02x", e.value()) + " at offset " + e.offset());
        }
        return parse(file, text);
    }

    /** Parses a config read from elsewhere ({@code phoenix demo}'s own); {@code file} names it in messages. */
    public PhoenixConfig parse(Path file, Reader reader) {
        return parse(file, YamlTree.parse(reader, file));
    }

    public PhoenixConfig parse(Path file, String text) {
        return parse(file, YamlTree.parse(text, file));
    }

    private PhoenixConfig parse(Path file, YamlTree tree) {
        ConfigErrors errors = new ConfigErrors();
        PhoenixConfig config = null;
        try {
            config = build(file, tree, errors);
        } catch (ConfigException e) {
            errors.add(e);
        }
        if (!errors.isEmpty()) {
            throw ConfigFileException.at(file, tree, errors.all());
        }
        return config;
    }

    /** The typed config, or null when {@code errors} received any. */
    private PhoenixConfig build(Path file, YamlTree tree, ConfigErrors errors) {
        if (tree.root() == null) {
            throw new ConfigException("", "the file is empty; it needs at least 'groups'");
        }
        Settings root = Settings.of("", tree.root());
        if (!root.isMap()) {
            throw new ConfigException("", "expected a map of keys at the top level");
        }
        errors.check(() -> root.requireKeys(keys(sections)));
        List<GroupConfig> groups = groups(root, errors);
        ChaosSettings chaos = errors.get(() -> ChaosSettings.parse(root.child("chaos")), null);
        checkChaosGroups(root, errors);
        // a provider section the config has fails here, with its line; one from the environment alone where it is used
        Sections provider = Sections.parse(root, sections, env, errors);
        String store = errors.get(() -> root.string("store", ".phoenix"), ".phoenix");
        ReportSettings report = errors.get(() -> root.has("report") ? ReportSettings.parse(root.child("report")) : ReportSettings.defaults(),
                null);
        ProbingSettings probing = errors.get(() -> ProbingSettings.parse(root.has("probing") ? root.child("probing")
                : Settings.empty("probing"), provider.emulated()), null);
        ScheduleSettings schedule = errors.get(() -> ScheduleSettings.parse(root.child("schedule")), null);
        HistorySettings history = errors.get(() -> HistorySettings.parse(root.child("history")), null);
        ClusterSettings cluster = errors.get(() -> ClusterSettings.parse(root.child("cluster")), null);
        if (!errors.isEmpty()) {
            if (check != null) {
                ChaosOptIn optIn = chaos != null ? chaos.optIn() : ChaosSettings.disabled().optIn();
                check.check(groups, optIn, provider, baseDir(file)).forEach(errors::add);
            }
            return null;
        }
        return new PhoenixConfig(file, tree, store, provider, groups, chaos, report, probing, schedule, history, cluster);
    }

    /** Every name in {@code chaos.groups} must be a group's, even when the rest of either section has errors. */
    private static void checkChaosGroups(Settings root, ConfigErrors errors) {
        Settings chaos = root.child("chaos");
        if (!chaos.isMap() || !chaos.has("groups")) {
            return;
        }
        List<String> wanted = errors.get(() -> chaos.strings("groups"), List.of());
        Set<String> names = new HashSet<>();
        for (Settings g : errors.get(() -> root.list("groups"), List.<Settings>of())) {
            names.add(g.isMap() && g.child("name").isScalar() ? g.child("name").asString() : "");
        }
        for (int i = 0; i < wanted.size(); i++) {
            if (!names.contains(wanted.get(i))) {
                errors.add(new ConfigException("chaos.groups[" + i + "]", "no group named '" + wanted.get(i) + "'"
                        + Suggest.didYouMean(wanted.get(i), names)));
            }
        }
    }

    private static Path baseDir(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? Path.of(".").toAbsolutePath() : parent;
    }

    /**
     * The groups as far as they parse; every error of every group goes to {@code errors}. When there
     * are errors, the groups returned are only good for {@link SettingsCheck}: a group with a bad
     * probe lacks it, one with a bad name has a stand-in.
     */
    private List<GroupConfig> groups(Settings root, ConfigErrors errors) {
        List<Settings> groupNodes = errors.get(() -> root.list("groups"), null);
        if (groupNodes == null) {
            return List.of();
        }
        if (groupNodes.isEmpty()) {
            String message = "at least one group is required under 'groups'";
            errors.add(root.has("groups") ? new ConfigException("groups", message) : new ConfigException.MissingKey("", "groups", "", message));
        }
        List<GroupConfig> groups = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Settings g : groupNodes) {
            GroupConfig group = group(g, errors);
            if (group == null) {
                continue;
            }
            if (!names.add(group.name())) {
                errors.add(g.child("name").error("duplicate group name '" + group.name() + "'"));
            }
            groups.add(group);   // the config is refused if a name repeats, but its settings are still checked
        }
        return groups;
    }

    /** One group, its errors in {@code errors}; null when it is not a map. */
    private GroupConfig group(Settings g, ConfigErrors errors) {
        if (!errors.check(() -> g.requireKeys(GROUP_KEYS)) && !g.isMap()) {
            return null;
        }
        String name = errors.get(() -> {
            String text = g.string("name");
            if (!text.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
                throw g.child("name").error("group names are letters, digits, '.', '-' and '_' (at most 63), found '" + text + "'");
            }
            return text;
        }, null);
        Optional<Map.Entry<String, Settings>> source = errors.attempt(() -> source(g));
        Optional<Mutability> mutability = errors.get(() -> g.optionalString("mutability").map(text -> Mutability.parse(text)
                .orElseThrow(() -> g.child("mutability").error("expected mutable or immutable, found '" + text + "'"))), Optional.empty());
        List<GroupConfig.ProbeConfig> probeConfigs = new ArrayList<>();
        List<Settings> probeNodes = errors.get(() -> g.list("probes"), List.of());
        if (probeNodes.isEmpty() && !(g.has("probes") && !g.child("probes").isList())) {
            String message = "group '" + (name == null ? "" : name) + "' needs at least one probe under 'probes' (one of: "
                    + String.join(", ", sorted(probes)) + ")";
            errors.add(g.has("probes") ? new ConfigException(g.child("probes").path(), message)
                    : new ConfigException.MissingKey(g.path(), "probes", g.path(), message));
        }
        for (Settings p : probeNodes) {
            errors.attempt(() -> probe(p)).ifPresent(probeConfigs::add);
        }
        FactFilter ignore = errors.get(() -> FactFilter.of(g.strings("ignore")), FactFilter.of(List.of()));
        FactFilter identity = errors.get(() -> FactFilter.of(g.strings("identity")), FactFilter.of(List.of()));
        Integer expected = errors.get(() -> g.has("expected-members") ? g.integer("expected-members", 0, 0, 1_000_000) : null, null);
        String zone = errors.get(() -> {
            String z = g.optionalString("zone").orElse(null);
            if (z != null && !ClusterSettings.validZone(z)) {
                throw g.child("zone").error("zone names are letters, digits, '.', ':', '-' and '_' (at most 63), found '" + z + "'");
            }
            return z;
        }, null);
        // a stand-in name keeps a misnamed group's other settings checkable, and a group without a source
        // (NO_SOURCE) still has its probes checked; the config is refused anyway
        return new GroupConfig(name != null ? name : "group-" + g.path().replaceAll("\\D", ""),
                source.map(Map.Entry::getKey).orElse(GroupConfig.NO_SOURCE), source.map(Map.Entry::getValue).orElse(Settings.empty(g.path())),
                mutability, probeConfigs, ignore, identity, expected, zone, g);
    }

    /** The one source of a group: its type and its settings. */
    private Map.Entry<String, Settings> source(Settings g) {
        Settings sourceNode = g.child("source");
        if (sourceNode.isNull()) {
            throw new ConfigException.MissingKey(g.path(), "source", sourceNode.path(), "required key 'source' is missing (one of: "
                    + String.join(", ", sorted(sources)) + ")");
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
        return Map.entry(sourceType, sourceSettings);
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
