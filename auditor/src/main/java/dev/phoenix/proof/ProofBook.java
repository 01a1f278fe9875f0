package dev.phoenix.proof;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.phoenix.json.Json;
import dev.phoenix.store.ObjectStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one writer of reproducibility proofs: {@code proofs/book.json} in the store, each group's
 * proofs newest first ({@link #KEEP} per group), so that a proof outlives the run that made it and
 * the history of time to replace and time to match stays at hand. A write is a compare-and-set
 * ({@link ObjectStore#putIf}) so two Phoenix processes sharing a store never lose each other's proofs.
 *
 * <pre>{@code
 * ProofBook book = new ProofBook(objects, vertx);
 * book.record(runId, List.of(new Proof.Proven("web", proof)))   // then
 *     .compose(v -> book.read())                                 // {web=[the new proof, older ones...]}
 *     .onSuccess(all -> ...);
 * }</pre>
 */
public final class ProofBook {

    static final String KEY = "proofs/book.json";
    /** Proofs kept per group. */
    static final int KEEP = 50;
    static final int ATTEMPTS = 10;

    private final ObjectStore objects;
    private final Vertx vertx;

    /** @param vertx for the pause between two attempts; null to try again at once */
    public ProofBook(ObjectStore objects, Vertx vertx) {
        this.objects = objects;
        this.vertx = vertx;
    }

    /** Every group's proofs, newest first; a book that cannot be parsed fails, naming the object. */
    public Future<Map<String, List<Proof>>> read() {
        return objects.get(KEY).map(found -> found.<Map<String, List<Proof>>>map(this::parse).orElseGet(Map::of));
    }

    /** Adds the proofs made in run {@code runId}; nothing to add writes nothing. */
    public Future<Void> record(String runId, List<Proof.Proven> proven) {
        if (proven.isEmpty()) {
            return Future.succeededFuture();
        }
        return attempt(runId, proven, 1);
    }

    private Future<Void> attempt(String runId, List<Proof.Proven> proven, int attempt) {
        return objects.getVersioned(KEY).compose(current -> {
            TreeMap<String, List<Proof>> all = new TreeMap<>(current.content().map(this::parse).orElseGet(Map::of));
            for (Proof.Proven p : proven) {
                List<Proof> list = new ArrayList<>(all.getOrDefault(p.group(), List.of()));
                list.add(p.proof().inRun(runId));
                list.sort(Comparator.comparing(Proof::provenAt).reversed());
                all.put(p.group(), List.copyOf(list.subList(0, Math.min(KEEP, list.size()))));
            }
            byte[] bytes;
            try {
                bytes = Json.mapper().writeValueAsBytes(all);
            } catch (IOException e) {
                return Future.failedFuture(e);
            }
            return objects.putIf(KEY, bytes, current.version()).compose(written -> {
                if (written) {
                    return Future.<Void>succeededFuture();
                }
                if (attempt >= ATTEMPTS) {
                    return Future.failedFuture(new IllegalStateException(describe() + " kept changing under " + ATTEMPTS
                            + " attempts to record the run's proofs"));
                }
                if (vertx == null) {
                    return attempt(runId, proven, attempt + 1);
                }
                Promise<Void> paused = Promise.promise();
                vertx.setTimer(ThreadLocalRandom.current().nextLong(5, 20L * attempt + 6), id -> paused.complete());
                return paused.future().compose(v -> attempt(runId, proven, attempt + 1));
            });
        });
    }

    private Map<String, List<Proof>> parse(byte[] content) {
        try {
            Map<String, List<Proof>> m = Json.mapper().readValue(content, new TypeReference<TreeMap<String, List<Proof>>>() { });
            return m == null ? Map.of() : m;
        } catch (IOException e) {
            throw new IllegalStateException("proof book " + describe() + " is unreadable: " + e.getMessage(), e);
        }
    }

    public String describe() {
        return objects.describe() + "/" + KEY;
    }
}
