package dev.phoenix.probe;

import dev.phoenix.spi.Named;
import dev.phoenix.spi.ProviderContext;

/**
 * Builds a {@link Probe} from its settings. Registered by name in
 * {@code META-INF/services/dev.phoenix.probe.ProbeFactory}; the name is what config lists
 * under {@code probes:}, either bare ({@code aws-instance}) or with settings
 * ({@code {http: {url: "http://{privateIp}:8080/config"}}}).
 *
 * <pre>{@code
 * public final class PortProbeFactory implements ProbeFactory {
 *     public String name() {
 *         return "port";                                            // probes: [{port: {port: 5432}}]
 *     }
 *
 *     public Probe create(ProbeSpec spec, ProviderContext ctx) {
 *         Settings s = spec.settings().requireKeys(List.of("port", "timeout"));   // a typo fails, with did-you-mean
 *         return new PortProbe(s.integer("port", 80, 1, 65535), s.duration("timeout", Duration.ofSeconds(2)), ctx);
 *     }
 * }
 * }</pre>
 */
public interface ProbeFactory extends Named {

    /** Validates the settings and builds the probe; throws {@link dev.phoenix.spi.ConfigException} naming the key at fault. */
    Probe create(ProbeSpec spec, ProviderContext ctx);

    /**
     * The keys its settings take, in the order the docs list them; the shipped JSON Schema of the
     * config must describe exactly these (a test checks it).
     */
    java.util.List<String> keys();
}
