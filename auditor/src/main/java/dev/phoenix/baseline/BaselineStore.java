package dev.phoenix.baseline;

import io.vertx.core.Future;
import java.util.List;

/**
 * Where baselines live between runs: a local directory by default.
 *
 * <pre>{@code
 * store.load("web")
 *      .compose(b -> { b.putMember(...); return store.save(b); });
 * }</pre>
 *
 * Saving is atomic: a kill mid-write leaves the previous baselines intact.
 */
public interface BaselineStore {

    /** The group's baselines; empty ones when the group was never audited. */
    Future<GroupBaselines> load(String group);

    /** Replaces the group's baselines atomically. */
    Future<Void> save(GroupBaselines baselines);

    /** Groups that have baselines. */
    Future<List<String>> groups();

    /** Where the store is, for messages. */
    String describe();
}
