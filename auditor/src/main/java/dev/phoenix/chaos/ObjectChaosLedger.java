package dev.phoenix.chaos;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.phoenix.json.Json;
import dev.phoenix.store.ObjectStore;
import dev.phoenix.store.ObjectStore.Versioned;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The chaos ledger as {@code chaos/ledger.json} in an {@link ObjectStore} (a local directory or
 * an S3 prefix). A claim is a compare-and-set: read the ledger with its version, check the
 * group's last termination against {@code min-interval}, write it back only if nobody wrote in
 * between ({@link ObjectStore#putIf}), else read again. So two Phoenix processes sharing a store
 * neither lose each other's recordings nor both terminate in a group within {@code min-interval}.
 * Claims from this process go one after the other; a claim that lost to another process waits a
 * short random pause before reading again.
 */
public final class ObjectChaosLedger implements ChaosLedger {

    static final String KEY = "chaos/ledger.json";
    /** Compare-and-set attempts before giving up (and so, failing closed, terminating nothing). */
    static final int ATTEMPTS = 25;

    private final ObjectStore objects;
    private final Vertx vertx;
    private Future<?> tail = Future.succeededFuture();

    /**
     * @param vertx for the pause between two attempts
     */
    public ObjectChaosLedger(ObjectStore objects, Vertx vertx) {
        this.objects = objects;
        this.vertx = vertx;
    }

    @Override
    public Future<Map<String, Instant>> lastTerminations() {
        return objects.get(KEY).map(found -> found.isEmpty() ? Map.<String, Instant>of() : Map.copyOf(parse(found.get())));
    }

    @Override
    public synchronized Future<Optional<String>> claim(String group, String victim, Instant at, Duration minInterval) {
        Future<Optional<String>> next = tail.transform(ignored -> attempt(group, at, minInterval, 1));
        tail = next;
        return next;
    }

    private Future<Optional<String>> attempt(String group, Instant at, Duration minInterval, int attempt) {
        return objects.getVersioned(KEY).compose((Versioned current) -> {
            TreeMap<String, Instant> all = current.content().map(this::parse).orElseGet(TreeMap::new);
            Instant last = all.get(group);
            if (!minInterval.isZero() && last != null && last.plus(minInterval).isAfter(at)) {
                return Future.succeededFuture(Optional.of("group " + group + " lost a member at " + last
                        + " (recorded by another run); min-interval is " + minInterval + ", next allowed at " + last.plus(minInterval)));
            }
            if (last == null || at.isAfter(last)) {
                all.put(group, at);
            }
            byte[] bytes;
            try {
                bytes = Json.mapper().writeValueAsBytes(all);
            } catch (IOException e) {
                return Future.failedFuture(e);
            }
            return objects.putIf(KEY, bytes, current.version()).compose(written -> {
                if (written) {
                    return Future.succeededFuture(Optional.<String>empty());
                }
                if (attempt >= ATTEMPTS) {
                    return Future.failedFuture(new IllegalStateException(objects.describe() + "/" + KEY
                            + " kept changing under " + ATTEMPTS + " attempts to record the termination"));
                }
                // another writer came first: read again after a pause, random so that two losers do not meet again
                Promise<Void> paused = Promise.promise();
                vertx.setTimer(ThreadLocalRandom.current().nextLong(5, 20L * attempt + 6), id -> paused.complete());
                return paused.future().compose(v -> attempt(group, at, minInterval, attempt + 1));
            });
        });
    }

    private TreeMap<String, Instant> parse(byte[] content) {
        try {
            return Json.mapper().readValue(content, new TypeReference<TreeMap<String, Instant>>() { });
        } catch (IOException e) {
            throw new IllegalStateException("chaos ledger " + objects.describe() + "/" + KEY + " is unreadable: " + e.getMessage(), e);
        }
    }
}
