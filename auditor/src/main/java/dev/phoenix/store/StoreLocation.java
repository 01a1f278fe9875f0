package dev.phoenix.store;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where {@code store:} points: a directory (relative to the config file) or {@code s3://bucket/prefix}.
 *
 * @param directory the directory, for a local store
 * @param bucket    the bucket, for an S3 store
 * @param prefix    the key prefix inside the bucket (may be empty)
 */
public record StoreLocation(Optional<Path> directory, String bucket, String prefix) {

    /**
     * @throws IllegalArgumentException for a malformed {@code s3://} location
     */
    public static StoreLocation parse(String store, Path baseDir) {
        if (store.startsWith("s3://")) {
            String rest = store.substring("s3://".length());
            int slash = rest.indexOf('/');
            String bucket = slash < 0 ? rest : rest.substring(0, slash);
            String prefix = slash < 0 ? "" : rest.substring(slash + 1).replaceAll("/+$", "");
            if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
                throw new IllegalArgumentException("expected s3://bucket/prefix with a valid bucket name, found '" + store + "'");
            }
            return new StoreLocation(Optional.empty(), bucket, prefix);
        }
        return new StoreLocation(Optional.of(baseDir.resolve(store).normalize()), null, null);
    }
}
