package dev.phoenix.spi;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The provider sections of one config, each parsed once by its {@link SectionParser}, by type.
 * A section the config leaves out is parsed from its defaults and the environment; when that
 * fails (say {@code AWS_ENDPOINT_URL} is malformed), the error is raised where the section is
 * used, so that a config that never uses AWS is not refused for it.
 *
 * <pre>{@code
 * Sections sections = Sections.parse(root, Registry.load(SectionParser.class, "section"), env);
 * AwsSettings aws = sections.get(AwsSettings.class);    // in the AWS fleet factory
 * }</pre>
 */
public final class Sections {

    private final Map<Class<?>, Object> values;
    private final Map<Class<?>, ConfigException> deferred;
    private final boolean emulated;

    private Sections(Map<Class<?>, Object> values, Map<Class<?>, ConfigException> deferred, boolean emulated) {
        this.values = Map.copyOf(values);
        this.deferred = Map.copyOf(deferred);
        this.emulated = emulated;
    }

    /** No sections: what a test or a tool without a config passes. */
    public static Sections none() {
        return new Sections(Map.of(), Map.of(), false);
    }

    /**
     * The sections of a whole config {@code root} (an empty map for none), with every parser on the
     * class path: for tests and tools that have no loader.
     */
    @SuppressWarnings("rawtypes")
    public static Sections load(Settings root, Map<String, String> env) {
        return parse(root, Registry.load(SectionParser.class, "section"), env);
    }

    /** Sections given as values, for tests and tools that build them in code. */
    public static Sections of(Object... values) {
        Map<Class<?>, Object> map = new HashMap<>();
        for (Object v : values) {
            map.put(v.getClass(), v);
        }
        return new Sections(map, Map.of(), false);
    }

    /**
     * Parses every registered section of {@code root}: one the config has fails here, with its line
     * (every failing section at once); one it lacks fails where it is used.
     */
    @SuppressWarnings("rawtypes")
    public static Sections parse(Settings root, Registry<SectionParser> parsers, Map<String, String> env) {
        ConfigErrors errors = new ConfigErrors();
        Sections sections = parse(root, parsers, env, errors);
        errors.throwIfAny();
        return sections;
    }

    /**
     * Parses every registered section of {@code root}, recording the errors of the sections the
     * config has in {@code errors}; a section that fails, present or not, fails again where it is used.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public static Sections parse(Settings root, Registry<SectionParser> parsers, Map<String, String> env, ConfigErrors errors) {
        Map<Class<?>, Object> values = new HashMap<>();
        Map<Class<?>, ConfigException> deferred = new HashMap<>();
        boolean emulated = false;
        for (SectionParser parser : parsers.all()) {
            Settings section = root.child(parser.name());
            try {
                Object value = parser.parse(section, env);
                values.put(parser.type(), value);
                emulated |= parser.emulated(value);
            } catch (ConfigException e) {
                if (!section.isNull()) {
                    errors.add(e);
                }
                deferred.put(parser.type(), e);
            }
        }
        return new Sections(values, deferred, emulated);
    }

    /** The parsed section of {@code type}. */
    public <T> T get(Class<T> type) {
        ConfigException e = deferred.get(type);
        if (e != null) {
            throw e;
        }
        Object value = values.get(type);
        if (value == null) {
            throw new IllegalStateException("no section parser is registered for " + type.getName());
        }
        return type.cast(value);
    }

    /** Whether any section sends requests to an emulator on this machine ({@link SectionParser#emulated}). */
    public boolean emulated() {
        return emulated;
    }

    /** The top-level keys that sections take, for the config's list of valid keys. */
    @SuppressWarnings("rawtypes")
    public static List<String> names(Registry<SectionParser> parsers) {
        return List.copyOf(parsers.names());
    }
}
