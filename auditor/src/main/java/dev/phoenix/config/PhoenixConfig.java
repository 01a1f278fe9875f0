package dev.phoenix.config;

import dev.phoenix.chaos.ChaosSettings;
import dev.phoenix.spi.Settings;
import java.nio.file.Path;
import java.util.List;

/**
 * A loaded, validated configuration file.
 *
 * @param file    where it was read from (for messages and relative paths)
 * @param tree    the parsed document with key locations
 * @param root    the whole document, for provider sections ({@code aws:}, {@code docker:})
 * @param store   baseline and history store: a directory, or {@code s3://bucket/prefix}
 */
public record PhoenixConfig(Path file, YamlTree tree, Settings root, String store, List<GroupConfig> groups,
                            ChaosSettings chaos, ReportSettings report, ProbingSettings probing, Settings schedule) {

    public PhoenixConfig {
        groups = List.copyOf(groups);
    }

    /** The directory relative paths in the config are resolved against. */
    public Path baseDir() {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? Path.of(".").toAbsolutePath() : parent;
    }
}
