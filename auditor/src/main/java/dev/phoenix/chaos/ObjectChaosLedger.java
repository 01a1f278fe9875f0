package dev.phoenix.chaos;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.phoenix.report.Json;
import dev.phoenix.store.ObjectStore;
import io.vertx.core.Future;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The chaos ledger as {@code chaos/ledger.json} in an {@link ObjectStore} (a local directory or
 * an S3 prefix), replaced whole on every termination. Recordings from this process are applied
 * one after the other, so none is lost to another's read-modify-write.
 */
public final class ObjectChaosLedger implements ChaosLedger {

    static final String KEY = "chaos/ledger.json";

    private final ObjectStore objects;
    private Future<Void> tail = Future.succeededFuture();

    public ObjectChaosLedger(ObjectStore objects) {
        this.objects = objects;
    }

    @Override
    public Future<Map<String, Instant>> lastTerminations() {
        return objects.get(KEY).map(found -> {
            if (found.isEmpty()) {
                return Map.<String, Instant>of();
            }
            try {
                return Map.copyOf(Json.mapper().readValue(found.get(), new TypeReference<TreeMap<String, Instant>>() { }));
            } catch (IOException e) {
                throw new IllegalStateException("chaos ledger " + objects.describe() + "/" + KEY + " is unreadable: " + e.getMessage(), e);
            }
        });
    }

    @Override
    public synchronized Future<Void> recordTermination(String group, String victim, Instant at) {
        Future<Void> next = tail.transform(ignored -> lastTerminations().compose(last -> {
            Map<String, Instant> all = new TreeMap<>(last);
            all.put(group, at);
            try {
                return objects.put(KEY, Json.mapper().writeValueAsBytes(all));
            } catch (IOException e) {
                return Future.failedFuture(e);
            }
        }));
        tail = next;
        return next;
    }
}
