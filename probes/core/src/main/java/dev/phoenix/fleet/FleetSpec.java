package dev.phoenix.fleet;

import dev.phoenix.model.ChaosOptIn;
import dev.phoenix.model.Mutability;
import dev.phoenix.spi.Sections;
import dev.phoenix.spi.Settings;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link FleetFactory} is given to build the fleet of one group.
 *
 * @param group      group name
 * @param source     the settings under the source's name, e.g. {@code {members: 3}} for {@code {simulated: {members: 3}}}
 * @param mutability the group's configured mutability, if any (a member's own tag still wins)
 * @param optIn      the tag and label that opt a member into chaos; the fleet resolves them into each member
 * @param sections   the provider-wide sections of the config ({@code aws:}, {@code docker:}), parsed
 * @param baseDir    the directory relative paths in the settings are resolved against (the config file's)
 */
public record FleetSpec(String group, Settings source, Optional<Mutability> mutability, ChaosOptIn optIn, Sections sections,
                        Path baseDir) {

    public FleetSpec {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(mutability, "mutability");
        Objects.requireNonNull(optIn, "optIn");
        Objects.requireNonNull(sections, "sections");
        Objects.requireNonNull(baseDir, "baseDir");
    }

    /** A spec with default opt-in, no provider sections and the current directory: for tests and tools. */
    public static FleetSpec of(String group, Settings source, Optional<Mutability> mutability, Sections sections) {
        return new FleetSpec(group, source, mutability, ChaosOptIn.defaults(), sections, Path.of("."));
    }
}
