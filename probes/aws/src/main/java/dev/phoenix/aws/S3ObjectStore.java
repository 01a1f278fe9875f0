package dev.phoenix.aws;

import dev.phoenix.aws.AwsClients;
import dev.phoenix.aws.AwsErrors;
import dev.phoenix.spi.Errors;
import dev.phoenix.store.ObjectStore;
import dev.phoenix.store.StoreException;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An {@link ObjectStore} in an S3 bucket under a prefix ({@code s3://bucket/prefix}), on the
 * shared {@link AwsClients} (the same settings, credentials and HTTP client as the AWS fleets);
 * completions come back on the caller's Vert.x context. S3 replaces an object whole on every
 * put, so writes are atomic as the interface asks. The client is closed with Vert.x, not here.
 *
 * <pre>{@code
 * AwsClients aws = AwsClients.shared(ctx, spec.sections().get(AwsSettings.class));
 * ObjectStore store = new S3ObjectStore(aws, "audit-state", "phoenix/prod");
 * }</pre>
 */
public final class S3ObjectStore implements ObjectStore {

    private final AwsClients aws;
    private final String bucket;
    private final String prefix;

    /**
     * @param prefix key prefix inside the bucket, without leading or trailing slash; may be empty
     */
    public S3ObjectStore(AwsClients aws, String bucket, String prefix) {
        this.aws = aws;
        this.bucket = bucket;
        this.prefix = prefix == null || prefix.isEmpty() ? "" : prefix.replaceAll("^/+|/+$", "") + "/";
    }

    @Override
    public Future<Optional<byte[]>> get(String key) {
        return getVersioned(key).map(Versioned::content);
    }

    @Override
    public Future<Void> put(String key, byte[] content) {
        String full = prefix + ObjectStore.checkKey(key);
        return aws.call(c -> c.s3().putObject(b -> b.bucket(bucket).key(full).contentLength((long) content.length)
                                .contentType(contentType(key)),
                        AsyncRequestBody.fromBytes(content)))
                .<Void>mapEmpty()
                .recover(e -> Future.failedFuture(error("write", full, e)));
    }

    @Override
    public Future<Versioned> getVersioned(String key) {
        String full = prefix + ObjectStore.checkKey(key);
        return aws.call(c -> c.s3().getObject(b -> b.bucket(bucket).key(full), AsyncResponseTransformer.toBytes()))
                .map(bytes -> new Versioned(Optional.of(bytes.asByteArray()), bytes.response().eTag()))
                .recover(e -> AwsErrors.notFound(e, "NoSuchKey") ? Future.succeededFuture(new Versioned(Optional.empty(), null))
                        : Future.failedFuture(error("read", full, e)));
    }

    /**
     * S3's conditional write: {@code If-Match} the ETag read, or {@code If-None-Match: *} when
     * there was no object. 412 (another write came first) and 409 (a concurrent conditional write
     * is in progress) both mean: read again.
     */
    @Override
    public Future<Boolean> putIf(String key, byte[] content, String expectedVersion) {
        String full = prefix + ObjectStore.checkKey(key);
        return aws.call(c -> c.s3().putObject(b -> {
                    b.bucket(bucket).key(full).contentLength((long) content.length).contentType(contentType(key));
                    if (expectedVersion == null) {
                        b.ifNoneMatch("*");
                    } else {
                        b.ifMatch(expectedVersion);
                    }
                }, AsyncRequestBody.fromBytes(content)))
                .map(r -> true)
                .recover(e -> {
                    Throwable cause = Errors.unwrap(e);
                    if (cause instanceof S3Exception s3 && (s3.statusCode() == 412 || s3.statusCode() == 409)) {
                        return Future.succeededFuture(false);
                    }
                    return Future.failedFuture(error("write", full, e));
                });
    }

    private static String contentType(String key) {
        return key.endsWith(".json") ? "application/json" : "application/octet-stream";
    }

    @Override
    public Future<List<String>> list(String keyPrefix) {
        List<String> keys = new ArrayList<>();
        return page(prefix + keyPrefix, null, keys).map(v -> {
            keys.sort(null);
            return List.copyOf(keys);
        });
    }

    private Future<Void> page(String fullPrefix, String token, List<String> keys) {
        ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(bucket).prefix(fullPrefix).continuationToken(token).build();
        return aws.call(c -> c.s3().listObjectsV2(request))
                .recover(e -> Future.failedFuture(error("list", fullPrefix, e)))
                .compose((ListObjectsV2Response r) -> {
                    for (S3Object o : r.contents()) {
                        keys.add(o.key().substring(prefix.length()));
                    }
                    return Boolean.TRUE.equals(r.isTruncated()) && r.nextContinuationToken() != null
                            ? page(fullPrefix, r.nextContinuationToken(), keys) : Future.succeededFuture();
                });
    }

    @Override
    public Future<Void> delete(String key) {
        String full = prefix + ObjectStore.checkKey(key);
        return aws.call(c -> c.s3().deleteObject(b -> b.bucket(bucket).key(full))).<Void>mapEmpty()
                .recover(e -> Future.failedFuture(error("delete", full, e)));
    }

    @Override
    public String describe() {
        return "s3://" + bucket + "/" + prefix;
    }

    private StoreException error(String what, String fullKey, Throwable e) {
        return new StoreException("cannot " + what + " s3://" + bucket + "/" + fullKey + ": " + AwsErrors.describe(e), e);
    }
}
