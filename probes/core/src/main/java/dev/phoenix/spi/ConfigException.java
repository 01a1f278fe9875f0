package dev.phoenix.spi;

/**
 * A configuration value that cannot be used, with the path of the offending key
 * ({@code groups[1].source.static.hosts[0].url}) so that the config loader can name the file,
 * line and key.
 */
public class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String path;

    public ConfigException(String path, String message) {
        super(message);
        this.path = path == null ? "" : path;
    }

    /** The dotted path of the key at fault; empty for the document as a whole. */
    public String path() {
        return path;
    }
}
