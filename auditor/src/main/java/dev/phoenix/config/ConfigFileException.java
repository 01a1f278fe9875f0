package dev.phoenix.config;

import dev.phoenix.spi.ConfigException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The configuration errors of one file, each located: {@code file:line:column: key: message}, in
 * line order. The CLI prints one line per {@link #problems() problem} and exits 2.
 *
 * <pre>{@code
 * try {
 *     loader.load(file);
 * } catch (ConfigFileException e) {
 *     e.lines().forEach(l -> err.println("phoenix: " + l));   // phoenix: phoenix.yaml:3:5: groups[0].sorce: unknown key ...
 * }
 * }</pre>
 */
public final class ConfigFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Line order; errors about the whole document (no line) first, then by column, then by key. */
    private static final Comparator<Problem> ORDER = Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column)
            .thenComparing(Problem::key);

    private final List<Problem> problems;

    /**
     * One located error.
     *
     * @param line   1-based, or 0 for the document as a whole
     * @param column 1-based, or 0 when unknown
     * @param key    the dotted path of the key at fault, or empty
     */
    public record Problem(Path file, int line, int column, String key, String message) {
        public Problem {
            Objects.requireNonNull(file, "file");
            key = key == null ? "" : key;
            Objects.requireNonNull(message, "message");
        }

        /**
         * {@code file:line:column: key: message} (without what is unknown), on one line: control
         * characters a key or value brought along ({@code "X\r\nY"}) are shown escaped.
         */
        @Override
        public String toString() {
            return file + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "") + ": "
                    + (key.isEmpty() ? "" : printable(key) + ": ") + printable(message);
        }

        private static String printable(String text) {
            StringBuilder out = new StringBuilder(text.length());
            text.codePoints().forEach(c -> {
                switch (c) {
                    case '\r' -> out.append("\\r");
                    case '\n' -> out.append("\\n");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0) {
                            out.append(String.format("\\u%04x", c));
                        } else {
                            out.appendCodePoint(c);
                        }
                    }
                }
            });
            return out.toString();
        }
    }

    /** One error; {@code location} is {@code line:column} or empty. */
    public ConfigFileException(Path file, String location, String key, String message) {
        this(List.of(problem(file, location, key, message)));
    }

    /** Several errors of one file, reported in line order. */
    public ConfigFileException(List<Problem> problems) {
        super(message(problems));
        List<Problem> sorted = new ArrayList<>(problems);
        sorted.sort(ORDER);
        this.problems = List.copyOf(sorted);
    }

    /** Locates a {@link ConfigException} (and every error it gathers) thrown while validating {@code tree}. */
    public static ConfigFileException at(Path file, YamlTree tree, ConfigException e) {
        return at(file, tree, e.errors());
    }

    /** Locates {@code errors}, found while validating {@code tree}. */
    public static ConfigFileException at(Path file, YamlTree tree, List<ConfigException> errors) {
        List<Problem> problems = new ArrayList<>();
        for (ConfigException e : errors) {
            for (ConfigException one : e.errors()) {
                problems.add(problem(file, tree.locate(one.path()), one.path(), one.getMessage()));
            }
        }
        return new ConfigFileException(problems);
    }

    /** The errors, in line order. */
    public List<Problem> problems() {
        return problems;
    }

    /** One line per error, in line order: {@code file:line:column: key: message}. */
    public List<String> lines() {
        return problems.stream().map(Problem::toString).toList();
    }

    /** These errors and {@code other}'s, in line order. */
    public ConfigFileException with(List<Problem> other) {
        List<Problem> all = new ArrayList<>(problems);
        all.addAll(other);
        return new ConfigFileException(all);
    }

    private static Problem problem(Path file, String location, String key, String message) {
        int line = 0;
        int column = 0;
        if (location != null && !location.isEmpty()) {
            String[] parts = location.split(":");
            line = Integer.parseInt(parts[0]);
            column = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
        }
        return new Problem(file, line, column, key, message);
    }

    private static String message(List<Problem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("no problems to report");
        }
        List<Problem> sorted = new ArrayList<>(problems);
        sorted.sort(ORDER);
        return String.join("\n", sorted.stream().map(Problem::toString).toList());
    }
}
