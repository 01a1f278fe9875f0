package dev.phoenix.spi;

/**
 * Something registered by a unique name: a fleet factory, a probe factory, an exporter. A
 * {@link Registry} finds them by that name; two with one name fail at start-up.
 *
 * <pre>{@code
 * Registry<ProbeFactory> probes = Registry.load(ProbeFactory.class, "probe");
 * ProbeFactory http = probes.get("http", "groups[0].probes[0]");   // unknown: ConfigException listing the valid names
 * }</pre>
 */
public interface Named {

    /** The name used in configuration and on the command line, e.g. {@code http} or {@code aws-asg}. */
    String name();
}
