package dev.phoenix.stop;

import dev.phoenix.spi.Sections;
import dev.phoenix.spi.Settings;
import java.util.Objects;

/**
 * What a {@link StopConditionFactory} is given.
 *
 * @param settings the condition's settings ({@code {url: ..., expect: 200}})
 * @param sections the provider-wide sections of the config ({@code aws:}), parsed
 */
public record StopConditionSpec(Settings settings, Sections sections) {

    public StopConditionSpec {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(sections, "sections");
    }
}
