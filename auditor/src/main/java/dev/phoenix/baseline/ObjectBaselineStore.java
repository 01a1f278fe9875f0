package dev.phoenix.baseline;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.phoenix.model.Fingerprint;
import dev.phoenix.json.Json;
import dev.phoenix.store.ObjectStore;
import dev.phoenix.store.WorkerPool;
import io.vertx.core.Future;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Baselines as one JSON document per group, {@code baselines/<group>.json}, in an
 * {@link ObjectStore} (a local directory or an S3 prefix). Every save replaces the document whole;
 * {@link #saveIf} only if nobody wrote it since it was loaded (a lock file locally, If-Match on S3).
 * The JSON is read and written on the worker pool ({@link WorkerPool}), never on the event loop.
 *
 * <pre>{@code
 * BaselineStore store = new ObjectBaselineStore(new LocalObjectStore(Path.of(".phoenix"), ctx.blocking()));
 * store.load("web").compose(b -> { b.putMember(...); return store.save(b); });
 * }</pre>
 */
public final class ObjectBaselineStore implements BaselineStore {

    private final ObjectStore objects;

    public ObjectBaselineStore(ObjectStore objects) {
        this.objects = objects;
    }

    static String key(String group) {
        return "baselines/" + group + ".json";
    }

    @Override
    public Future<Versioned> loadVersioned(String group) {
        String where = objects.describe() + "/" + key(group);
        return objects.getVersioned(key(group)).compose(found -> found.content().isEmpty()
                ? Future.succeededFuture(new Versioned(GroupBaselines.empty(group), null))
                : WorkerPool.run(() -> new Versioned(parse(group, where, found.content().get()), found.version())));
    }

    private static GroupBaselines parse(String group, String where, byte[] bytes) {
        try {
            return BaselineDocument.parse(group, Json.mapper().readValue(bytes, BaselineDocument.class));
        } catch (JsonProcessingException e) {
            String at = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new IllegalStateException("baseline " + where + " is corrupt" + at + ": " + e.getOriginalMessage()
                    + " (restore it, or delete it to re-capture the group's baselines)", e);
        } catch (IOException e) {
            throw new IllegalStateException("baseline " + where + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Future<Void> save(GroupBaselines baselines) {
        if (!baselines.dirty()) {
            return Future.succeededFuture();
        }
        return serialise(baselines)
                .compose(bytes -> objects.put(key(baselines.group()), bytes))
                .onSuccess(v -> baselines.markClean());
    }

    @Override
    public Future<Boolean> saveIf(GroupBaselines baselines, String version) {
        if (!baselines.dirty()) {
            return Future.succeededFuture(true);
        }
        return serialise(baselines)
                .compose(bytes -> objects.putIf(key(baselines.group()), bytes, version))
                .onSuccess(written -> {
                    if (written) {
                        baselines.markClean();
                    }
                });
    }

    /** A snapshot here, on the caller's thread; the JSON is written on the worker pool. */
    private static Future<byte[]> serialise(GroupBaselines baselines) {
        BaselineDocument document = BaselineDocument.of(baselines);
        return WorkerPool.run(() -> Json.mapper().writeValueAsBytes(document));
    }

    @Override
    public Future<List<String>> groups() {
        return objects.list("baselines/").map(keys -> keys.stream()
                .map(k -> k.substring("baselines/".length()))
                .filter(n -> !n.contains("/") && n.endsWith(".json"))
                .map(n -> n.substring(0, n.length() - 5))
                .sorted().toList());
    }

    @Override
    public String describe() {
        return objects.describe() + "/baselines";
    }

    /**
     * The stored form: entries plus each distinct fingerprint's facts once, and, for fingerprints
     * that hold in-place facts, which keys those are ({@code inPlace}, left out when there are none,
     * so that documents written before facts had kinds read the same).
     */
    record BaselineDocument(int version, String group, String currentProvenance, Map<String, BaselineEntry> members,
                            Map<String, BaselineEntry> goldens, Map<String, Map<String, String>> fingerprints,
                            @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, List<String>> inPlace) {

        /** A copy of {@code b} as it is now (its maps are live views), in the same order. */
        static BaselineDocument of(GroupBaselines b) {
            Map<String, Map<String, String>> fps = new LinkedHashMap<>();
            Map<String, List<String>> inPlace = new LinkedHashMap<>();
            b.fingerprints().forEach((d, fp) -> {
                fps.put(d, fp.facts());
                if (fp.changedInPlace()) {
                    inPlace.put(d, List.copyOf(fp.inPlaceKeys()));
                }
            });
            return new BaselineDocument(1, b.group(), b.currentProvenance(), new LinkedHashMap<>(b.members()),
                    new LinkedHashMap<>(b.goldens()), fps, inPlace);
        }

        static GroupBaselines parse(String group, BaselineDocument doc) throws IOException {
            Map<String, Fingerprint> fps = new LinkedHashMap<>();
            Map<String, List<String>> inPlace = doc.inPlace() == null ? Map.of() : doc.inPlace();
            if (doc.fingerprints() != null) {
                for (Map.Entry<String, Map<String, String>> e : doc.fingerprints().entrySet()) {
                    Map<String, String> facts = e.getValue() == null ? Map.of() : e.getValue();
                    List<String> inPlaceKeys = inPlace.containsKey(e.getKey()) ? inPlace.get(e.getKey()) : List.of();
                    if (inPlaceKeys == null || inPlaceKeys.stream().anyMatch(k -> k == null || !facts.containsKey(k))) {
                        throw new IOException("baseline of group " + group + " is inconsistent: the in-place keys of fingerprint "
                                + e.getKey() + " are not among its facts (edited by hand?)");
                    }
                    Fingerprint fp = Fingerprint.ofMap(facts, Set.copyOf(inPlaceKeys));
                    if (!fp.digest().equals(e.getKey())) {
                        throw new IOException("baseline of group " + group + " is inconsistent: fingerprint " + e.getKey()
                                + " does not match its facts (edited by hand?)");
                    }
                    fps.put(e.getKey(), fp);
                }
            }
            List<BaselineEntry> all = new ArrayList<>();
            if (doc.members() != null) {
                all.addAll(doc.members().values());
            }
            if (doc.goldens() != null) {
                all.addAll(doc.goldens().values());
            }
            for (BaselineEntry e : all) {
                if (!fps.containsKey(e.digest())) {
                    throw new IOException("baseline of group " + group + " refers to a missing fingerprint " + e.digest());
                }
            }
            return new GroupBaselines(group, doc.members() == null ? Map.of() : doc.members(),
                    doc.goldens() == null ? Map.of() : doc.goldens(), fps, doc.currentProvenance());
        }
    }
}
