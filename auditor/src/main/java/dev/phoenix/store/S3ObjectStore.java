package dev.phoenix.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An {@link ObjectStore} in an S3 bucket under a prefix ({@code s3://bucket/prefix}), on the
 * SDK's async client; completions are brought back onto the caller's Vert.x context. S3 replaces
 * an object whole on every put, so writes are atomic as the interface asks.
 */
public final class S3ObjectStore implements ObjectStore {

    private final S3AsyncClient s3;
    private final String bucket;
    private final String prefix;
    private final Vertx vertx;
    private final boolean ownsClient;

    /**
     * @param prefix     key prefix inside the bucket, without leading or trailing slash; may be empty
     * @param ownsClient close the client with the store
     */
    public S3ObjectStore(S3AsyncClient s3, String bucket, String prefix, Vertx vertx, boolean ownsClient) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix == null || prefix.isEmpty() ? "" : prefix.replaceAll("^/+|/+$", "") + "/";
        this.vertx = vertx;
        this.ownsClient = ownsClient;
    }

    @Override
    public Future<Optional<byte[]>> get(String key) {
        String full = prefix + ObjectStore.checkKey(key);
        return bridge(s3.getObject(b -> b.bucket(bucket).key(full), AsyncResponseTransformer.toBytes()))
                .map(bytes -> Optional.of(bytes.asByteArray()))
                .recover(e -> e instanceof NoSuchKeyException ? Future.succeededFuture(Optional.empty())
                        : Future.failedFuture(error("read", full, e)));
    }

    @Override
    public Future<Void> put(String key, byte[] content) {
        String full = prefix + ObjectStore.checkKey(key);
        return bridge(s3.putObject(b -> b.bucket(bucket).key(full).contentLength((long) content.length)
                        .contentType(key.endsWith(".json") ? "application/json" : "application/octet-stream"),
                AsyncRequestBody.fromBytes(content)))
                .<Void>mapEmpty()
                .recover(e -> Future.failedFuture(error("write", full, e)));
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
        return bridge(s3.listObjectsV2(request))
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
        return bridge(s3.deleteObject(b -> b.bucket(bucket).key(full))).<Void>mapEmpty()
                .recover(e -> Future.failedFuture(error("delete", full, e)));
    }

    @Override
    public String describe() {
        return "s3://" + bucket + "/" + prefix;
    }

    @Override
    public Future<Void> close() {
        if (ownsClient) {
            s3.close();
        }
        return Future.succeededFuture();
    }

    private <T> Future<T> bridge(CompletableFuture<T> call) {
        CompletionStage<T> stage = call.handle((v, e) -> {
            if (e != null) {
                throw new CompletionException(unwrap(e));
            }
            return v;
        });
        return Future.fromCompletionStage(stage, vertx.getOrCreateContext()).recover(e -> Future.failedFuture(unwrap(e)));
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof java.util.concurrent.ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private StoreException error(String what, String fullKey, Throwable e) {
        String cause;
        if (e instanceof S3Exception s3e && s3e.awsErrorDetails() != null) {
            cause = s3e.awsErrorDetails().errorCode() + ": " + s3e.awsErrorDetails().errorMessage() + " (HTTP " + s3e.statusCode() + ")";
        } else {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            cause = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        }
        return new StoreException("cannot " + what + " s3://" + bucket + "/" + fullKey + ": " + cause, e);
    }
}
