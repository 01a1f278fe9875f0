package dev.phoenix.config;

import dev.phoenix.model.FactFilter;
import dev.phoenix.model.Mutability;
import dev.phoenix.spi.Settings;
import java.util.List;
import java.util.Optional;

/**
 * One entry of {@code groups:}.
 *
 * @param sourceType the fleet factory name ({@code simulated}, {@code static}, {@code aws-asg}, ...)
 * @param source     the settings under that name
 * @param ignore     fact-key globs dropped before comparison (volatile facts)
 * @param identity   fact-key globs kept in reports but never compared
 * @param expectedMembers {@code expected-members}: how many members the group should have, or null
 * @param zone       {@code zone}: the network its members are in, which only cluster nodes of that zone (or of none) probe; null for any
 * @param where      the group's node, for error messages
 */
public record GroupConfig(String name, String sourceType, Settings source, Optional<Mutability> mutability,
                          List<ProbeConfig> probes, FactFilter ignore, FactFilter identity, Integer expectedMembers, String zone,
                          Settings where) {

    /**
     * The source type of a group whose source is missing or misspelt: only ever in a config that is
     * refused, handed to {@link ConfigLoader.SettingsCheck} so that the group's probes are checked too.
     */
    public static final String NO_SOURCE = "";

    public GroupConfig {
        probes = List.copyOf(probes);
    }

    /**
     * One entry of a group's {@code probes:}: a bare name or a one-key map of name to settings.
     *
     * @param type     the probe factory name
     * @param settings its settings (an empty map for a bare name)
     */
    public record ProbeConfig(String type, Settings settings) {
    }
}
