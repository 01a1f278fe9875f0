package dev.phoenix.spi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A typed, read-only view of one node of the configuration (a map, a list or a scalar) that
 * knows its own path, so that every error names the key at fault:
 *
 * <pre>{@code
 * Settings s = source.requireKeys(Set.of("members", "kind"));
 * int members = s.integer("members", 3);          // "groups[0].source.simulated.members: expected an integer"
 * }</pre>
 *
 * <p>Values are plain Java objects as parsed from YAML or JSON: {@code Map<String, Object>},
 * {@code List<Object>}, {@code String}, {@code Number}, {@code Boolean} or {@code null}.
 */
public final class Settings {

    private static final Pattern DURATION_PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private final String path;
    private final Object value;

    private Settings(String path, Object value) {
        this.path = path == null ? "" : path;
        this.value = value;
    }

    public static Settings of(String path, Object value) {
        return new Settings(path, value);
    }

    /** An empty map at {@code path}; what a probe or source without settings receives. */
    public static Settings empty(String path) {
        return new Settings(path, Map.of());
    }

    public String path() {
        return path;
    }

    /** The raw value. */
    public Object raw() {
        return value;
    }

    public boolean isMap() {
        return value instanceof Map;
    }

    public boolean isList() {
        return value instanceof List;
    }

    public boolean isScalar() {
        return value instanceof String || value instanceof Number || value instanceof Boolean;
    }

    public boolean isNull() {
        return value == null;
    }

    /** This scalar as text. */
    public String asString() {
        if (!isScalar()) {
            throw error("expected a value, found " + describe(value));
        }
        return String.valueOf(value);
    }

    /** The keys of this map in document order. */
    public Set<String> keys() {
        return map().keySet();
    }

    /** Fails on any key outside {@code allowed}, suggesting the closest valid one. */
    public Settings requireKeys(Collection<String> allowed) {
        for (String key : map().keySet()) {
            if (!allowed.contains(key)) {
                throw new ConfigException(childPath(key), "unknown key '" + key + "'"
                        + Suggest.didYouMean(key, allowed) + "; valid keys: " + String.join(", ", allowed));
            }
        }
        return this;
    }

    public boolean has(String key) {
        return value instanceof Map<?, ?> m && m.containsKey(key) && m.get(key) != null;
    }

    /** The child node at {@code key}; a null node when absent. */
    public Settings child(String key) {
        return new Settings(childPath(key), map().get(key));
    }

    /** The children of a list at {@code key}; empty when absent. */
    public List<Settings> list(String key) {
        Settings child = child(key);
        return child.isNull() ? List.of() : child.elements();
    }

    /** The elements of this list. */
    public List<Settings> elements() {
        if (!(value instanceof List<?> list)) {
            throw error("expected a list, found " + describe(value));
        }
        List<Settings> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            out.add(new Settings(path + "[" + i + "]", list.get(i)));
        }
        return out;
    }

    public String string(String key) {
        Settings child = child(key);
        if (child.isNull()) {
            throw new ConfigException(child.path, "required key '" + key + "' is missing");
        }
        return child.asString();
    }

    public String string(String key, String fallback) {
        Settings child = child(key);
        return child.isNull() ? fallback : child.asString();
    }

    public Optional<String> optionalString(String key) {
        Settings child = child(key);
        return child.isNull() ? Optional.empty() : Optional.of(child.asString());
    }

    public int integer(String key, int fallback) {
        Settings child = child(key);
        if (child.isNull()) {
            return fallback;
        }
        if (child.value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.intValue();
        }
        if (child.value instanceof String s && s.matches("-?\\d+")) {
            return Integer.parseInt(s);
        }
        throw child.error("expected an integer, found " + describe(child.value));
    }

    /** An integer that must lie in {@code [min, max]}. */
    public int integer(String key, int fallback, int min, int max) {
        int v = integer(key, fallback);
        if (v < min || v > max) {
            throw child(key).error("must be between " + min + " and " + max + ", found " + v);
        }
        return v;
    }

    /** A number in {@code [min, max]}, e.g. a rate such as {@code 0.25}. */
    public double decimal(String key, double fallback, double min, double max) {
        Settings child = child(key);
        if (child.isNull()) {
            return fallback;
        }
        double v;
        if (child.value instanceof Number n) {
            v = n.doubleValue();
        } else {
            try {
                v = Double.parseDouble(child.asString());
            } catch (NumberFormatException e) {
                throw child.error("expected a number, found " + describe(child.value));
            }
        }
        if (v < min || v > max || Double.isNaN(v)) {
            throw child.error("must be between " + min + " and " + max + ", found " + v);
        }
        return v;
    }

    public boolean bool(String key, boolean fallback) {
        Settings child = child(key);
        if (child.isNull()) {
            return fallback;
        }
        if (child.value instanceof Boolean b) {
            return b;
        }
        if (child.value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(s);
        }
        throw child.error("expected true or false, found " + describe(child.value));
    }

    /** A duration such as {@code 500ms}, {@code 30s}, {@code 10m}, {@code 1h30m}, {@code 1d} or ISO-8601 {@code PT10M}. */
    public Duration duration(String key, Duration fallback) {
        Settings child = child(key);
        return child.isNull() ? fallback : child.asDuration();
    }

    public Duration asDuration() {
        String text = asString().trim();
        if (value instanceof Number n) {
            return Duration.ofSeconds(n.longValue());
        }
        if (text.startsWith("P") || text.startsWith("p")) {
            try {
                return Duration.parse(text.toUpperCase(java.util.Locale.ROOT));
            } catch (java.time.format.DateTimeParseException e) {
                throw error("expected a duration such as 30s, 10m or PT10M, found '" + text + "'");
            }
        }
        Matcher m = DURATION_PART.matcher(text);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
            end = m.end();
        }
        if (end == 0 || end != text.length()) {
            throw error("expected a duration such as 500ms, 30s, 10m, 1h or 1d, found '" + text + "'");
        }
        return total;
    }

    /** A list of strings at {@code key} (a single string counts as a list of one); empty when absent. */
    public List<String> strings(String key) {
        Settings child = child(key);
        if (child.isNull()) {
            return List.of();
        }
        if (child.isScalar()) {
            return List.of(child.asString());
        }
        List<String> out = new ArrayList<>();
        for (Settings e : child.elements()) {
            out.add(e.asString());
        }
        return List.copyOf(out);
    }

    /** A map of string to string at {@code key}; empty when absent. */
    public Map<String, String> stringMap(String key) {
        Settings child = child(key);
        if (child.isNull()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String k : child.keys()) {
            out.put(k, child.child(k).asString());
        }
        return out;
    }

    /** A {@link ConfigException} blaming this node. */
    public ConfigException error(String message) {
        return new ConfigException(path, message);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map() {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map)) {
            throw error("expected a map of keys, found " + describe(value));
        }
        return (Map<String, Object>) value;
    }

    private String childPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static String describe(Object v) {
        if (v == null) {
            return "nothing";
        }
        if (v instanceof Map) {
            return "a map";
        }
        if (v instanceof List) {
            return "a list";
        }
        return "'" + v + "'";
    }

    @Override
    public String toString() {
        return path + "=" + value;
    }
}
