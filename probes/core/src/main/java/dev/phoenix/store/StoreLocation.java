package dev.phoenix.store;

import dev.phoenix.spi.ConfigException;
import dev.phoenix.spi.ProviderContext;
import dev.phoenix.spi.Registry;
import dev.phoenix.spi.Sections;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where {@code store:} points: a directory (relative to the config file), or a location with a
 * URI scheme ({@code s3://bucket/prefix}) that an {@link ObjectStoreFactory} of that scheme opens.
 *
 * <pre>{@code
 * StoreLocation.parse(".phoenix", baseDir).directory()          // Optional[/etc/phoenix/.phoenix]
 * StoreLocation.parse("s3://audit/prod", baseDir).scheme()      // "s3"
 * }</pre>
 *
 * @param directory the directory, for a local store
 * @param scheme    the URI scheme of any other store, or null
 * @param location  the location as written
 */
public record StoreLocation(Optional<Path> directory, String scheme, String location) {

    public static StoreLocation parse(String store, Path baseDir) {
        int colon = store.indexOf("://");
        if (colon > 0 && store.substring(0, colon).matches("[a-z][a-z0-9+.-]*")) {
            return new StoreLocation(Optional.empty(), store.substring(0, colon), store);
        }
        return new StoreLocation(Optional.of(baseDir.resolve(store).normalize()), null, store);
    }

    /**
     * Opens the store: a directory, or through the factory registered for the scheme.
     *
     * @throws ConfigException naming {@code store} for an unknown scheme or a malformed location
     */
    public ObjectStore open(Registry<ObjectStoreFactory> factories, Sections sections, ProviderContext ctx) {
        if (directory.isPresent()) {
            return new LocalObjectStore(directory.get(), ctx.blocking());
        }
        ObjectStoreFactory factory = factories.get(scheme, "store");
        try {
            return factory.open(location, sections, ctx);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("store", e.getMessage());
        }
    }
}
