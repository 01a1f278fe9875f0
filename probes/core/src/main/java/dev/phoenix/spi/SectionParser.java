package dev.phoenix.spi;

import java.util.Map;

/**
 * Parses one provider-wide, top-level section of the config ({@code aws:}, {@code docker:}) into
 * a typed value, once, for every fleet, probe and store that needs it. Registered by name in
 * {@code META-INF/services/dev.phoenix.spi.SectionParser}; the name is the top-level key.
 *
 * <pre>{@code
 * public final class DockerSectionParser implements SectionParser<DockerSection> {
 *     public String name() { return "docker"; }                       // docker: {host: ...}
 *     public Class<DockerSection> type() { return DockerSection.class; }
 *     public DockerSection parse(Settings s, Map<String, String> env) {
 *         s.requireKeys(List.of("host"));                              // a typo fails, with did-you-mean
 *         return new DockerSection(s.optionalString("host").or(() -> Optional.ofNullable(env.get("DOCKER_HOST"))));
 *     }
 * }
 * // in a factory:
 * DockerSection docker = spec.sections().get(DockerSection.class);
 * }</pre>
 *
 * @param <T> the typed section
 */
public interface SectionParser<T> extends Named {

    Class<T> type();

    /**
     * Parses the section; throws {@link ConfigException} naming the key at fault.
     *
     * @param section the section's node: a null node when the config has none (defaults and the
     *                environment then decide)
     */
    T parse(Settings section, Map<String, String> env);

    /** The keys the section takes; the shipped JSON Schema of the config must describe exactly these (a test checks it). */
    java.util.List<String> keys();

    /**
     * Whether requests go to an emulator on this machine, so that only loopback addresses should be
     * probed by default ({@code probing.targets}): the addresses an emulator reports are fictional.
     */
    default boolean emulated(T section) {
        return false;
    }
}
