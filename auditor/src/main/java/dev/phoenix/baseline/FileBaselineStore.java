package dev.phoenix.baseline;

import dev.phoenix.store.LocalObjectStore;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Path;
import java.util.List;

/**
 * Baselines as one JSON file per group under {@code <dir>/baselines/}, written atomically
 * (temporary file, fsync, rename) on the worker pool: an {@link ObjectBaselineStore} on a
 * {@link LocalObjectStore}.
 */
public final class FileBaselineStore implements BaselineStore {

    private final LocalObjectStore objects;
    private final ObjectBaselineStore store;

    public FileBaselineStore(Path storeDir, WorkerExecutor blocking) {
        this.objects = new LocalObjectStore(storeDir, blocking);
        this.store = new ObjectBaselineStore(objects);
    }

    @Override
    public Future<GroupBaselines> load(String group) {
        return store.load(group);
    }

    @Override
    public Future<Void> save(GroupBaselines baselines) {
        return store.save(baselines);
    }

    @Override
    public Future<List<String>> groups() {
        return store.groups();
    }

    @Override
    public String describe() {
        return objects.root().resolve("baselines").toString();
    }

    Path file(String group) {
        return objects.file(ObjectBaselineStore.key(group));
    }
}
