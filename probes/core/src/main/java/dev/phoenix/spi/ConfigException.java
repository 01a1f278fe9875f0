package dev.phoenix.spi;

import java.util.ArrayList;
import java.util.List;

/**
 * A configuration value that cannot be used, with the path of the offending key
 * ({@code groups[1].source.static.hosts[0].url}) so that the config loader can name the file,
 * line and key.
 *
 * <p>One exception may stand for several errors found in one pass ({@link #of}), so that a user
 * fixes them all in one go; {@link #errors()} lists them:
 *
 * <pre>{@code
 * ConfigException e = ConfigException.of(List.of(
 *         new ConfigException("groups[0].sorce", "unknown key 'sorce'"),
 *         new ConfigException("groups[0].probs", "unknown key 'probs'")));
 * e.errors().size()   // 2
 * e.path()            // "groups[0].sorce", the first one's
 * }</pre>
 */
public class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String path;
    /** The errors this one gathers; null when it is a single error. */
    private final List<ConfigException> gathered;

    public ConfigException(String path, String message) {
        super(message);
        this.path = path == null ? "" : path;
        this.gathered = null;
    }

    private ConfigException(List<ConfigException> errors) {
        super(errors.get(0).getMessage() + " (and " + (errors.size() - 1) + " more)");
        this.path = errors.get(0).path;
        this.gathered = List.copyOf(errors);
    }

    /**
     * One exception for {@code errors} (each may itself gather several): the error itself when
     * there is one, else an exception whose {@link #errors()} lists them all.
     *
     * @throws IllegalArgumentException when {@code errors} is empty
     */
    public static ConfigException of(List<? extends ConfigException> errors) {
        List<ConfigException> flat = new ArrayList<>();
        for (ConfigException e : errors) {
            flat.addAll(e.errors());
        }
        if (flat.isEmpty()) {
            throw new IllegalArgumentException("no configuration errors to report");
        }
        return flat.size() == 1 ? flat.get(0) : new ConfigException(flat);
    }

    /** The dotted path of the key at fault; empty for the document as a whole. */
    public String path() {
        return path;
    }

    /** The single errors this exception stands for: itself, or each one it gathers. */
    public List<ConfigException> errors() {
        return gathered == null ? List.of(this) : gathered;
    }

    /** An error about one key of a map: the map's path is {@link #parent()}. */
    public abstract static class KeyError extends ConfigException {
        private static final long serialVersionUID = 1L;
        private final String parent;

        KeyError(String parent, String path, String message) {
            super(path, message);
            this.parent = parent == null ? "" : parent;
        }

        /** The path of the map the key belongs in. */
        public String parent() {
            return parent;
        }
    }

    /**
     * A key that is not one of the valid ones; {@link #suggestion()} is the valid key it is probably a
     * misspelling of. A {@link MissingKey} for that key in the same map is then not reported again
     * ({@link ConfigErrors}): it is the same mistake.
     */
    public static final class UnknownKey extends KeyError {
        private static final long serialVersionUID = 1L;
        private final String suggestion;

        public UnknownKey(String parent, String path, String message, String suggestion) {
            super(parent, path, message);
            this.suggestion = suggestion;
        }

        public java.util.Optional<String> suggestion() {
            return java.util.Optional.ofNullable(suggestion);
        }
    }

    /** A required key that is absent from a map. */
    public static final class MissingKey extends KeyError {
        private static final long serialVersionUID = 1L;
        private final String key;

        /** @param path where to report it (the key's own path, or the map's) */
        public MissingKey(String parent, String key, String path, String message) {
            super(parent, path, message);
            this.key = key;
        }

        public String key() {
            return key;
        }
    }
}
