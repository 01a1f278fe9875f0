package dev.phoenix.ssh.collect;

import dev.phoenix.spi.Settings;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Builds the fixed command lines of the collectors: a script run by {@code sh -c} with its
 * arguments single-quoted after them, so that the host's shell never parses an argument. An
 * argument must match a collector's strict character set first ({@link #check}); it then holds no
 * quote, blank, {@code $}, backslash or backtick to begin with.
 *
 * <pre>{@code
 * Shell.script("for p in \"$@\"; do ls -d $p; done", List.of("/etc/app.d/*"))
 * // sh -c 'PATH=...; for p in "$@"; do ls -d $p; done' phoenix '/etc/app.d/*'
 * }</pre>
 */
public final class Shell {

    /** Every script starts with this: sbin directories on the PATH, the C locale, no aliases. */
    static final String PRELUDE = "PATH=\"$PATH:/usr/local/sbin:/usr/sbin:/sbin\"; LC_ALL=C; export PATH LC_ALL; ";

    /** Exit status of a script whose tool is missing; it names the tool on stderr as {@code phoenix: missing TOOL}. */
    static final int MISSING = 127;

    private Shell() {
    }

    public static String script(String body, List<String> args) {
        StringBuilder out = new StringBuilder("sh -c ").append(quote(PRELUDE + body)).append(" phoenix");
        for (String a : args) {
            out.append(' ').append(quote(a));
        }
        return out.toString();
    }

    /** {@code "need TOOL..."}: a script line that exits {@link #MISSING} naming the first tool not installed. */
    static String need(String... tools) {
        StringBuilder out = new StringBuilder();
        for (String t : tools) {
            out.append("command -v ").append(t).append(" >/dev/null 2>&1 || { echo 'phoenix: missing ").append(t)
                    .append("' >&2; exit ").append(MISSING).append("; }; ");
        }
        return out.toString();
    }

    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** The values of {@code node} (a string or a list), each matching {@code allowed}, else a config error naming it. */
    static List<String> check(Settings node, Pattern allowed, String what) {
        List<Settings> items = node.isScalar() ? List.of(node) : node.isNull() ? List.of() : node.elements();
        List<String> out = new java.util.ArrayList<>();
        for (Settings item : items) {
            String v = item.asString();
            if (!allowed.matcher(v).matches()) {
                throw item.error("not a " + what + " Phoenix passes to a host: '" + v + "' (allowed: " + allowed.pattern() + ")");
            }
            out.add(v);
        }
        return List.copyOf(out);
    }

    /**
     * Fails for a script that exited {@link #MISSING} (the tool it names is not installed) or with
     * any status not in {@code ok}; the message names the collector.
     */
    static void expect(String collector, CommandResult r, int... ok) {
        if (r.exit() == MISSING) {
            String err = r.err();
            String tool = err.startsWith("phoenix: missing ") ? err.substring("phoenix: missing ".length()).lines().findFirst().orElse("")
                    : dev.phoenix.spi.Errors.firstLine(err);
            throw new CollectorException("collector " + collector + ": " + (tool.isEmpty() ? "a tool it needs" : tool)
                    + " is not installed on the host (or not on the login user's PATH)");
        }
        for (int s : ok) {
            if (r.exit() == s) {
                return;
            }
        }
        throw new CollectorException("collector " + collector + ": exit " + r.exit()
                + (r.err().isEmpty() ? "" : ": " + dev.phoenix.spi.Errors.firstLine(r.err())));
    }
}
