package dev.phoenix.store;

import dev.phoenix.spi.Named;
import dev.phoenix.spi.ProviderContext;
import dev.phoenix.spi.Sections;

/**
 * Opens the {@link ObjectStore} of a {@code store:} location with a URI scheme
 * ({@code s3://bucket/prefix}); the name is the scheme. Registered in
 * {@code META-INF/services/dev.phoenix.store.ObjectStoreFactory}; a plain path is a
 * {@link LocalObjectStore} and needs no factory.
 *
 * <pre>{@code
 * ObjectStoreFactory s3 = Registry.load(ObjectStoreFactory.class, "store scheme").get("s3", "store");
 * ObjectStore store = s3.open("s3://audit-state/phoenix/prod", sections, ctx);
 * }</pre>
 */
public interface ObjectStoreFactory extends Named {

    /**
     * Validates the location and opens the store; throws {@link dev.phoenix.spi.ConfigException}
     * (or {@link IllegalArgumentException}) naming what is wrong. Must not do I/O.
     */
    ObjectStore open(String location, Sections sections, ProviderContext ctx);
}
