package dev.phoenix.probe;

import dev.phoenix.spi.Named;
import dev.phoenix.spi.ProviderContext;

/**
 * Builds a {@link Probe} from its settings. Registered by name in
 * {@code META-INF/services/dev.phoenix.probe.ProbeFactory}; the name is what config lists
 * under {@code probes:}, either bare ({@code aws-instance}) or with settings
 * ({@code {http: {url: "http://{privateIp}:8080/config"}}}).
 */
public interface ProbeFactory extends Named {

    /** Validates the settings and builds the probe; throws {@link dev.phoenix.spi.ConfigException} naming the key at fault. */
    Probe create(ProbeSpec spec, ProviderContext ctx);
}
