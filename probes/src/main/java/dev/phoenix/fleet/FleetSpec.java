package dev.phoenix.fleet;

import dev.phoenix.model.Mutability;
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
 * @param root       the whole configuration, for provider-wide sections such as {@code aws:}
 * @param baseDir    the directory relative paths in the settings are resolved against (the config file's)
 */
public record FleetSpec(String group, Settings source, Optional<Mutability> mutability, Settings root, Path baseDir) {

    public FleetSpec {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(mutability, "mutability");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(baseDir, "baseDir");
    }
}
