package dev.phoenix.probe;

import dev.phoenix.spi.Settings;
import java.util.Objects;

/**
 * What a {@link ProbeFactory} is given.
 *
 * @param group    the group the probe belongs to
 * @param settings the probe's settings ({@code {url: ..., json: true}}), an empty map for a bare name
 * @param root     the whole configuration, for provider-wide sections such as {@code aws:}
 */
public record ProbeSpec(String group, Settings settings, Settings root) {

    public ProbeSpec {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(root, "root");
    }
}
