package dev.phoenix.spi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Collects the configuration errors of one pass, so that one run reports every mistake instead of
 * the first: each independent part (a key, a group, a probe, a section) is checked on its own, and
 * a part that fails does not stop the others.
 *
 * <pre>{@code
 * ConfigErrors errors = new ConfigErrors();
 * errors.check(() -> s.requireKeys(KEYS));                                   // every unknown key
 * int members = errors.get(() -> s.integer("members", 3, 0, 1000), 3);       // the fallback when it fails
 * Duration delay = errors.get(() -> s.duration("boot-delay", ZERO), ZERO);
 * errors.throwIfAny();                                                       // one ConfigException listing all
 * }</pre>
 *
 * The same error (path and message) reported twice is kept once, and a missing key that a misspelt
 * one stands for is not reported besides the misspelling.
 */
public final class ConfigErrors {

    private final Map<String, ConfigException> errors = new LinkedHashMap<>();

    /** Records {@code e} and every error it gathers. */
    public void add(ConfigException e) {
        for (ConfigException one : e.errors()) {
            errors.putIfAbsent(one.path() + "\u0000" + one.getMessage(), one);
        }
    }

    /** Runs {@code check}; a {@link ConfigException} it throws is recorded. Returns whether it passed. */
    public boolean check(Runnable check) {
        try {
            check.run();
            return true;
        } catch (ConfigException e) {
            add(e);
            return false;
        }
    }

    /** What {@code parse} returns, or {@code fallback} when it throws a {@link ConfigException} (recorded). */
    public <T> T get(Supplier<T> parse, T fallback) {
        try {
            return parse.get();
        } catch (ConfigException e) {
            add(e);
            return fallback;
        }
    }

    /** What {@code parse} returns, or empty when it throws a {@link ConfigException} (recorded). */
    public <T> Optional<T> attempt(Supplier<T> parse) {
        return Optional.ofNullable(get(parse, null));
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    /**
     * The errors recorded so far, in the order they were found; a required key reported missing from
     * a map that has a misspelling of it ({@code sorce:} for {@code source:}) is left out, being the
     * same mistake as the misspelling.
     */
    public List<ConfigException> all() {
        List<ConfigException> out = new ArrayList<>();
        for (ConfigException e : errors.values()) {
            if (!(e instanceof ConfigException.MissingKey missing) || errors.values().stream().noneMatch(u ->
                    u instanceof ConfigException.UnknownKey unknown && unknown.parent().equals(missing.parent())
                            && unknown.suggestion().filter(missing.key()::equals).isPresent())) {
                out.add(e);
            }
        }
        return List.copyOf(out);
    }

    /** Throws one {@link ConfigException} gathering every recorded error ({@link ConfigException#errors()}), if any. */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw ConfigException.of(all());
        }
    }
}
