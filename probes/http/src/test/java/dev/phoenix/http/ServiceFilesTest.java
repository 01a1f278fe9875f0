package dev.phoenix.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phoenix.fleet.FleetFactory;
import dev.phoenix.probe.ProbeFactory;
import dev.phoenix.spi.Registry;
import org.junit.jupiter.api.Test;

/** The module's service files register its sources and probes (moved here from the core's RegistryTest with the providers). */
class ServiceFilesTest {

    @Test
    void serviceFiles_registerTheBuiltInProvidersAndProbes() {
        assertThat(Registry.load(FleetFactory.class, "source").names()).contains("simulated", "static");
        assertThat(Registry.load(ProbeFactory.class, "probe").names()).contains("http");
    }
}
