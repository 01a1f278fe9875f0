package dev.phoenix.spi;

import java.math.BigDecimal;
import java.math.BigInteger;
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
 *
 * <p>Numbers are read exactly, never wrapped: {@code 4294967298} for an {@code int} key is out of
 * range, not 2, and the error says the range. Durations are never negative and at most
 * {@link #MAX_DURATION}; {@link #duration(String, Duration, Duration, Duration)} narrows that.
 */
public final class Settings {

    /**
     * The longest duration any setting takes (ten years): longer ones would overflow the
     * millisecond arithmetic of timers and deadlines.
     */
    public static final Duration MAX_DURATION = Duration.ofDays(3650);

    private static final Pattern DURATION_PART = Pattern.compile("(\\d{1,30})(ms|s|m|h|d)");

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

    /**
     * Fails on the keys outside {@code allowed}, each suggesting the closest valid one; when several
     * are unknown, the exception lists every one ({@link ConfigException#errors()}).
     */
    public Settings requireKeys(Collection<String> allowed) {
        List<ConfigException> unknown = new ArrayList<>();
        for (String key : map().keySet()) {
            if (!allowed.contains(key)) {
                unknown.add(new ConfigException.UnknownKey(path, childPath(key), "unknown key '" + key + "'"
                        + Suggest.didYouMean(key, allowed) + "; valid keys: " + String.join(", ", allowed),
                        Suggest.closest(key, allowed).orElse(null)));
            }
        }
        if (!unknown.isEmpty()) {
            throw ConfigException.of(unknown);
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
            throw new ConfigException.MissingKey(path, key, child.path, "required key '" + key + "' is missing");
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

    /** An integer that fits an {@code int}; a larger one is an error naming the range, never wrapped. */
    public int integer(String key, int fallback) {
        return integer(key, fallback, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /** An integer that must lie in {@code [min, max]}. */
    public int integer(String key, int fallback, int min, int max) {
        return (int) longInteger(key, fallback, min, max);
    }

    /**
     * An integer that must lie in {@code [min, max]}, read exactly: {@code 2.0} is 2, {@code 2.5},
     * {@code 1e30} or {@code 18446744073709551626} outside the range are errors that state it.
     */
    public long longInteger(String key, long fallback, long min, long max) {
        Settings child = child(key);
        if (child.isNull()) {
            return fallback;
        }
        BigInteger v = child.exactInteger();
        if (v == null) {
            throw child.error("expected an integer, found " + describe(child.value));
        }
        if (v.compareTo(BigInteger.valueOf(min)) < 0 || v.compareTo(BigInteger.valueOf(max)) > 0) {
            throw child.error("must be between " + min + " and " + max + ", found " + child.value);
        }
        return v.longValueExact();
    }

    /** This scalar as an exact integer, or null when it is not one (text, a fraction, infinity). */
    private BigInteger exactInteger() {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return BigInteger.valueOf(((Number) value).longValue());
        }
        if (value instanceof BigInteger b) {
            return b;
        }
        try {
            if (value instanceof BigDecimal d) {
                return d.toBigIntegerExact();
            }
            if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
                return new BigDecimal(n.doubleValue()).toBigIntegerExact();
            }
        } catch (ArithmeticException e) {
            return null;
        }
        if (value instanceof String text && text.strip().matches("[-+]?\\d{1,400}")) {
            return new BigInteger(text.strip());
        }
        return null;
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

    /**
     * A duration such as {@code 500ms}, {@code 30s}, {@code 10m}, {@code 1h30m}, {@code 1d} or ISO-8601
     * {@code PT10M} (a bare number is seconds); never negative, at most {@link #MAX_DURATION}.
     */
    public Duration duration(String key, Duration fallback) {
        Settings child = child(key);
        return child.isNull() ? fallback : child.asDuration();
    }

    /**
     * A duration in {@code [min, max]}, e.g. a timeout that must be positive and at most an hour:
     *
     * <pre>{@code
     * s.duration("timeout", Duration.ofSeconds(5), Duration.ofMillis(1), Duration.ofHours(1));   // "must be at most 1h, found '2h'"
     * }</pre>
     */
    public Duration duration(String key, Duration fallback, Duration min, Duration max) {
        Settings child = child(key);
        return child.isNull() ? fallback : child.asDuration(min, max);
    }

    /** This scalar as a duration, never negative, at most {@link #MAX_DURATION}. */
    public Duration asDuration() {
        return asDuration(Duration.ZERO, MAX_DURATION);
    }

    private Duration asDuration(Duration min, Duration max) {
        BigInteger millis = millis();
        if (millis.compareTo(BigInteger.valueOf(min.toMillis())) < 0) {
            throw error((min.isZero() ? "must not be negative" : min.equals(Duration.ofMillis(1)) ? "must be positive"
                    : "must be at least " + format(min)) + ", found " + describe(value));
        }
        if (millis.compareTo(BigInteger.valueOf(Math.min(max.toMillis(), MAX_DURATION.toMillis()))) > 0) {
            throw error("must be at most " + format(max.compareTo(MAX_DURATION) < 0 ? max : MAX_DURATION) + ", found " + describe(value));
        }
        return Duration.ofMillis(millis.longValueExact());
    }

    /** This scalar's duration in milliseconds, exactly, however large or negative. */
    private BigInteger millis() {
        String text = asString().trim();
        if (value instanceof Number) {
            BigInteger seconds = exactInteger();
            if (seconds == null) {
                throw error("expected a whole number of seconds or a duration such as 500ms, 30s or 10m, found '" + text + "'");
            }
            return seconds.multiply(BigInteger.valueOf(1000));
        }
        if (text.startsWith("P") || text.startsWith("p") || text.startsWith("-P") || text.startsWith("-p")) {
            Duration d;
            try {
                d = Duration.parse(text.toUpperCase(java.util.Locale.ROOT));
            } catch (java.time.format.DateTimeParseException e) {
                throw error("expected a duration such as 30s, 10m or PT10M, found '" + text + "'");
            }
            return BigInteger.valueOf(d.getSeconds()).multiply(BigInteger.valueOf(1000)).add(BigInteger.valueOf(d.getNano() / 1_000_000));
        }
        Matcher m = DURATION_PART.matcher(text);
        BigInteger millis = BigInteger.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            long unit = switch (m.group(2)) {
                case "ms" -> 1L;
                case "s" -> 1000L;
                case "m" -> 60_000L;
                case "h" -> 3_600_000L;
                default -> 86_400_000L;
            };
            millis = millis.add(new BigInteger(m.group(1)).multiply(BigInteger.valueOf(unit)));
            end = m.end();
        }
        if (end == 0 || end != text.length()) {
            throw error("expected a duration such as 500ms, 30s, 10m, 1h or 1d, found '" + text + "'");
        }
        return millis;
    }

    /** A duration the way config files write it: {@code 1d}, {@code 1h30m}, {@code 500ms}, {@code 0s}. */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        long ms = d.toMillis();
        StringBuilder out = new StringBuilder(ms < 0 ? "-" : "");
        ms = Math.abs(ms);
        long[] units = {86_400_000L, 3_600_000L, 60_000L, 1000L, 1L};
        String[] names = {"d", "h", "m", "s", "ms"};
        for (int i = 0; i < units.length; i++) {
            if (ms >= units[i]) {
                out.append(ms / units[i]).append(names[i]);
                ms %= units[i];
            }
        }
        return out.toString();
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
