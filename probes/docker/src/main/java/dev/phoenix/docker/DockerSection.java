package dev.phoenix.docker;

import dev.phoenix.spi.SectionParser;
import dev.phoenix.spi.Settings;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The top-level {@code docker:} section: the engine every docker group uses unless its source
 * names one ({@code docker: {host: unix:///var/run/docker.sock}}).
 *
 * @param host the engine address, if the section gives one
 * @param where the node of {@code docker.host}, to blame when the address is malformed
 */
public record DockerSection(Optional<String> host, Settings where) {

    /** Parses {@code docker:} once for every docker fleet and probe. */
    public static final class Parser implements SectionParser<DockerSection> {

        @Override
        public String name() {
            return "docker";
        }

        @Override
        public Class<DockerSection> type() {
            return DockerSection.class;
        }

        @Override
        public List<String> keys() {
            return List.of("host");
        }

        @Override
        public DockerSection parse(Settings section, Map<String, String> env) {
            section.requireKeys(keys());
            return new DockerSection(section.optionalString("host"), section.child("host"));
        }
    }
}
