package dev.phoenix.model;

import java.util.regex.Pattern;

/**
 * Shell-style globs, in one place: {@code *} matches any run of characters (slashes and dots
 * included), {@code ?} one character, everything else itself. For fact keys, paths, names and labels.
 *
 * <pre>{@code
 * Glob.compile("http.*.json.uptime").matcher("http.state.json.uptime").matches()   // true
 * Glob.isGlob("/srv/cache")                                                        // false: a plain prefix
 * }</pre>
 */
public final class Glob {

    private Glob() {
    }

    public static Pattern compile(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }

    /** Whether {@code text} has a wildcard. */
    public static boolean isGlob(String text) {
        return text.indexOf('*') >= 0 || text.indexOf('?') >= 0;
    }
}
