package dev.phoenix.model;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Glob patterns over fact keys or JSON paths: {@code *} matches any run of characters,
 * {@code ?} one character. Used for ignore rules (facts dropped before comparison) and for
 * identity rules (facts kept in reports but never compared).
 *
 * <pre>{@code
 * FactFilter volatile = FactFilter.of(List.of("member.*", "*.uptime"));
 * volatile.matches("member.bootedAt")   // true
 * }</pre>
 */
public final class FactFilter {

    private static final FactFilter NONE = new FactFilter(List.of(), List.of());

    private final List<String> globs;
    private final List<Pattern> patterns;

    private FactFilter(List<String> globs, List<Pattern> patterns) {
        this.globs = globs;
        this.patterns = patterns;
    }

    public static FactFilter none() {
        return NONE;
    }

    public static FactFilter of(List<String> globs) {
        if (globs.isEmpty()) {
            return NONE;
        }
        return new FactFilter(List.copyOf(globs), globs.stream().map(Glob::compile).toList());
    }

    public boolean matches(String key) {
        for (Pattern p : patterns) {
            if (p.matcher(key).matches()) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return patterns.isEmpty();
    }

    public List<String> globs() {
        return globs;
    }

    /** A new filter matching what either matches. */
    public FactFilter and(FactFilter other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        return of(java.util.stream.Stream.concat(globs.stream(), other.globs.stream()).toList());
    }
}
