package dev.phoenix.runtime;

import dev.phoenix.store.ObjectStore;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/**
 * A store seen through a window that lets nothing out: reads go to the real store, writes are
 * accepted and dropped. What a run that must touch nothing ({@code phoenix chaos plan}) audits
 * with: its baselines, ledger and proofs are read as they stand and left as they are.
 *
 * <pre>{@code
 * ObjectStore seen = new ReadOnlyObjectStore(stores.objects());
 * seen.put("baselines/web.json", bytes);   // succeeds; nothing is written
 * }</pre>
 */
final class ReadOnlyObjectStore implements ObjectStore {

    private final ObjectStore objects;

    ReadOnlyObjectStore(ObjectStore objects) {
        this.objects = objects;
    }

    @Override
    public Future<Optional<byte[]>> get(String key) {
        return objects.get(key);
    }

    @Override
    public Future<Void> put(String key, byte[] content) {
        ObjectStore.checkKey(key);
        return Future.succeededFuture();
    }

    @Override
    public Future<Versioned> getVersioned(String key) {
        return objects.getVersioned(key);
    }

    @Override
    public Future<Boolean> putIf(String key, byte[] content, String expectedVersion) {
        ObjectStore.checkKey(key);
        return Future.succeededFuture(true);
    }

    @Override
    public Future<List<String>> list(String prefix) {
        return objects.list(prefix);
    }

    @Override
    public Future<Void> delete(String key) {
        ObjectStore.checkKey(key);
        return Future.succeededFuture();
    }

    @Override
    public String describe() {
        return objects.describe() + " (read only)";
    }
}
