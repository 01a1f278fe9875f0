package dev.phoenix.store;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/**
 * Where Phoenix keeps its state between runs: baselines, the chaos ledger, run history. Keys are
 * relative, slash-separated paths ({@code baselines/web.json}); a local directory or an S3
 * bucket and prefix holds them.
 *
 * <pre>{@code
 * ObjectStore store = new LocalObjectStore(Path.of(".phoenix"), ctx.blocking());
 * store.put("runs/20260101T000000Z-ab12/summary.json", bytes)
 *      .compose(v -> store.get("runs/20260101T000000Z-ab12/summary.json"))
 *      .onSuccess(found -> ...);   // Optional[bytes]
 * }</pre>
 *
 * <p>{@link #put} replaces an object whole: a reader, or a process killed mid-write, sees the
 * old content or the new, never a part.
 */
public interface ObjectStore {

    /** The object's content, or empty when there is none. */
    Future<Optional<byte[]>> get(String key);

    /** Writes the object atomically, replacing any previous content. */
    Future<Void> put(String key, byte[] content);

    /**
     * The object's content with a version token, for a later {@link #putIf}: the token changes
     * whenever the content is replaced; it is null when there is no object.
     */
    Future<Versioned> getVersioned(String key);

    /**
     * Writes the object atomically if it is still at {@code expectedVersion} (null: if there is
     * still no object): {@code false}, and nothing written, when another writer came first. What
     * a read-modify-write shared by several processes (the chaos ledger) needs so as not to lose
     * another's update.
     */
    Future<Boolean> putIf(String key, byte[] content, String expectedVersion);

    /** An object's content (empty when there is none) and its version token (null then). */
    record Versioned(Optional<byte[]> content, String version) {
    }

    /** Keys that start with {@code prefix}, sorted. */
    Future<List<String>> list(String prefix);

    /** Deletes the object; deleting a missing object succeeds. */
    Future<Void> delete(String key);

    /** Where the store is, for messages: a directory or {@code s3://bucket/prefix}. */
    String describe();

    /** Releases clients. */
    default Future<Void> close() {
        return Future.succeededFuture();
    }

    /** Checks a key: relative, slash-separated, no empty, {@code .} or {@code ..} segments. */
    static String checkKey(String key) {
        if (key == null || key.isEmpty() || key.startsWith("/") || key.endsWith("/")) {
            throw new IllegalArgumentException("invalid store key '" + key + "'");
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.contains("\\")) {
                throw new IllegalArgumentException("invalid store key '" + key + "'");
            }
        }
        return key;
    }
}
