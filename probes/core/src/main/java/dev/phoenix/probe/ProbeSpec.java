package dev.phoenix.probe;

import dev.phoenix.model.ChaosOptIn;
import dev.phoenix.spi.Sections;
import dev.phoenix.spi.Settings;
import dev.phoenix.store.ObjectStore;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What a {@link ProbeFactory} is given.
 *
 * @param group    the group the probe belongs to
 * @param settings the probe's settings ({@code {url: ..., json: true}}), an empty map for a bare name
 * @param optIn    the tag and label that opt a member into chaos (reported, never compared)
 * @param sections the provider-wide sections of the config ({@code aws:}, {@code docker:}), parsed
 * @param baseDir  the directory relative paths in the settings are resolved against (the config file's)
 * @param store    Phoenix's store, for what a probe keeps between runs (SSH host keys first seen); null
 *                 when there is none (a test, a tool)
 */
public record ProbeSpec(String group, Settings settings, ChaosOptIn optIn, Sections sections, Path baseDir, ObjectStore store) {

    public ProbeSpec {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(optIn, "optIn");
        Objects.requireNonNull(sections, "sections");
        Objects.requireNonNull(baseDir, "baseDir");
    }

    /** A spec with default opt-in, the current directory and no store: for tests and tools. */
    public static ProbeSpec of(String group, Settings settings, Sections sections) {
        return new ProbeSpec(group, settings, ChaosOptIn.defaults(), sections, Path.of("."), null);
    }
}
