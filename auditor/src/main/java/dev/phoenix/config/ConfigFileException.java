package dev.phoenix.config;

import dev.phoenix.spi.ConfigException;
import java.nio.file.Path;

/**
 * A configuration error located in its file: {@code file:line:column: key: message}.
 * The CLI prints {@link #getMessage()} as is and exits 2.
 */
public final class ConfigFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConfigFileException(Path file, String location, String key, String message) {
        super(file + (location.isEmpty() ? "" : ":" + location) + ": " + (key.isEmpty() ? "" : key + ": ") + message);
    }

    /** Locates a {@link ConfigException} thrown while validating {@code tree}. */
    public static ConfigFileException at(Path file, YamlTree tree, ConfigException e) {
        return new ConfigFileException(file, tree.locate(e.path()), e.path(), e.getMessage());
    }
}
