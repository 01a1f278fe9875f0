package dev.phoenix.baseline;

import io.vertx.core.Future;
import java.util.List;

/**
 * Where baselines live between runs: a local directory by default, or S3. Only {@link Baselines}
 * writes through it.
 *
 * <pre>{@code
 * store.loadVersioned("web")
 *      .compose(v -> { v.baselines().putMember(...); return store.saveIf(v.baselines(), v.version()); });
 * }</pre>
 *
 * Saving is atomic: a kill mid-write leaves the previous baselines intact.
 */
public interface BaselineStore {

    /** The group's baselines; empty ones when the group was never audited. */
    default Future<GroupBaselines> load(String group) {
        return loadVersioned(group).map(Versioned::baselines);
    }

    /** The group's baselines with the version of the stored document (null when there is none yet). */
    Future<Versioned> loadVersioned(String group);

    /** Replaces the group's baselines atomically, whatever was written since they were loaded. */
    Future<Void> save(GroupBaselines baselines);

    /**
     * Replaces the group's baselines atomically if the stored document is still at {@code version}
     * (null: if there is still none): false, and nothing written, when another writer came first.
     * Completes true without writing when nothing changed.
     */
    Future<Boolean> saveIf(GroupBaselines baselines, String version);

    /** Groups that have baselines. */
    Future<List<String>> groups();

    /** Where the store is, for messages. */
    String describe();

    /** A group's baselines as loaded, and the version to save them against. */
    record Versioned(GroupBaselines baselines, String version) {
    }
}
