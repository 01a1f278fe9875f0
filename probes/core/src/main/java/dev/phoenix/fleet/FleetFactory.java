package dev.phoenix.fleet;

import dev.phoenix.spi.Named;
import dev.phoenix.spi.ProviderContext;

/**
 * Builds the {@link Fleet} of a group from its {@code source:} settings. Registered by name in
 * {@code META-INF/services/dev.phoenix.fleet.FleetFactory}; the name is the key used under
 * {@code source:} in config.
 *
 * <pre>{@code
 * groups:
 *   - name: web
 *     source: {simulated: {members: 4, kind: instance}}
 * }</pre>
 */
public interface FleetFactory extends Named {

    /**
     * Validates the settings and builds the fleet; throws {@link dev.phoenix.spi.ConfigException}
     * naming the key at fault. Must not do I/O: discovery happens in {@link Fleet#discover()}.
     */
    Fleet create(FleetSpec spec, ProviderContext ctx);

    /**
     * The keys its {@code source:} settings take, in the order the docs list them; the shipped JSON
     * Schema of the config must describe exactly these (a test checks it).
     */
    java.util.List<String> keys();
}
