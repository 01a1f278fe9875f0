package dev.phoenix.config;

import dev.phoenix.chaos.ChaosSettings;
import dev.phoenix.cluster.ClusterSettings;
import dev.phoenix.history.HistorySettings;
import dev.phoenix.schedule.ScheduleSettings;
import dev.phoenix.spi.Sections;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A loaded, validated configuration file, typed: every section parsed once by its own concept's
 * parser; the raw document stops at {@link ConfigLoader}.
 *
 * @param file     where it was read from (for messages and relative paths)
 * @param tree     the parsed document with key locations, to locate errors found later (a setting a
 *                 factory refuses)
 * @param store    baseline and history store: a directory, or {@code s3://bucket/prefix}
 * @param cluster  {@code cluster:}, read by {@code serve --cluster} only
 * @param sections the provider sections ({@code aws:}, {@code docker:}), parsed by their adapters
 */
public record PhoenixConfig(Path file, YamlTree tree, String store, Sections sections, List<GroupConfig> groups,
                            ChaosSettings chaos, ReportSettings report, ProbingSettings probing, ScheduleSettings schedule,
                            HistorySettings history, ClusterSettings cluster) {

    public PhoenixConfig {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sections, "sections");
        groups = List.copyOf(groups);
    }

    /** The directory relative paths in the config are resolved against. */
    public Path baseDir() {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? Path.of(".").toAbsolutePath() : parent;
    }

    /** The same config with another probing section (e.g. {@code --concurrency}). */
    public PhoenixConfig withProbing(ProbingSettings newProbing) {
        return new PhoenixConfig(file, tree, store, sections, groups, chaos, report, newProbing, schedule, history, cluster);
    }

    /** Locates an error that a factory found in one of this config's settings (and every error it gathers). */
    public ConfigFileException locate(dev.phoenix.spi.ConfigException e) {
        return ConfigFileException.at(file, tree, e);
    }

    /** Locates errors that factories found in this config's settings. */
    public ConfigFileException locate(List<dev.phoenix.spi.ConfigException> errors) {
        return ConfigFileException.at(file, tree, errors);
    }
}
