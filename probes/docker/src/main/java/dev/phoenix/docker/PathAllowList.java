package dev.phoenix.docker;

import java.util.ArrayList;
import java.util.List;
import dev.phoenix.model.Glob;
import java.util.regex.Pattern;

/**
 * Paths in a container's filesystem that may change: {@code /tmp} allows {@code /tmp} and
 * everything under it; an entry with {@code *} or {@code ?} is a glob over the whole path
 * ({@code *} also crosses {@code /}).
 *
 * <pre>{@code
 * PathAllowList.of(List.of("/tmp", "/app/*.pid")).allows("/tmp/x/y")   // true
 * }</pre>
 */
final class PathAllowList {

    private final List<String> prefixes;
    private final List<Pattern> globs;

    private PathAllowList(List<String> prefixes, List<Pattern> globs) {
        this.prefixes = prefixes;
        this.globs = globs;
    }

    static PathAllowList of(List<String> entries) {
        List<String> prefixes = new ArrayList<>();
        List<Pattern> globs = new ArrayList<>();
        for (String e : entries) {
            if (Glob.isGlob(e)) {
                globs.add(Glob.compile(e));
            } else {
                prefixes.add(e.length() > 1 && e.endsWith("/") ? e.substring(0, e.length() - 1) : e);
            }
        }
        return new PathAllowList(List.copyOf(prefixes), List.copyOf(globs));
    }

    boolean allows(String path) {
        for (String p : prefixes) {
            if (path.equals(p) || path.startsWith(p.equals("/") ? "/" : p + "/")) {
                return true;
            }
        }
        for (Pattern g : globs) {
            if (g.matcher(path).matches()) {
                return true;
            }
        }
        return false;
    }
}
