package dev.phoenix.ssh;

import dev.phoenix.store.ObjectStore;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.sshd.common.config.keys.PublicKeyEntry;

/**
 * The host keys Phoenix recorded under {@code host-key: accept-new}, kept in its store as one
 * object in known_hosts format ({@value #KEY}). A first-seen key is added with a compare-and-set
 * write ({@link ObjectStore#putIf}), so that processes sharing a store never lose each other's
 * keys, and a key once recorded is never replaced by this class.
 *
 * <pre>{@code
 * KnownHostsStore known = new KnownHostsStore(store);
 * known.read().onSuccess(keys -> keys.get("[127.0.0.1]:2201"));   // "ecdsa-sha2-nistp256 AAAA..."
 * known.record("[127.0.0.1]:2201", key);
 * }</pre>
 */
final class KnownHostsStore {

    static final String KEY = "ssh/known_hosts";
    private static final int ATTEMPTS = 8;

    private final ObjectStore store;

    KnownHostsStore(ObjectStore store) {
        this.store = store;
    }

    /** The recorded keys, by known_hosts name ({@code host} or {@code [host]:port}). */
    Future<Map<String, String>> read() {
        return store.get(KEY).map(found -> found.map(bytes -> parse(new String(bytes, StandardCharsets.UTF_8))).orElse(Map.of()));
    }

    /**
     * Records {@code key} for {@code knownName} unless a key is already recorded for it; fails when
     * another process recorded a different key meanwhile.
     */
    Future<Void> record(String knownName, PublicKey key) {
        return record(knownName, PublicKeyEntry.toString(key), ATTEMPTS);
    }

    private Future<Void> record(String knownName, String line, int attempts) {
        return store.getVersioned(KEY).compose(v -> {
            String text = v.content().map(b -> new String(b, StandardCharsets.UTF_8)).orElse("");
            String existing = parse(text).get(knownName);
            if (existing != null) {
                return existing.equals(line) ? Future.succeededFuture()
                        : Future.failedFuture("another Phoenix process recorded a different host key for " + knownName);
            }
            String updated = text + (text.isEmpty() || text.endsWith("\n") ? "" : "\n") + knownName + " " + line + "\n";
            return store.putIf(KEY, updated.getBytes(StandardCharsets.UTF_8), v.version()).compose(written -> {
                if (written) {
                    return Future.succeededFuture();
                }
                if (attempts <= 1) {
                    return Future.failedFuture("could not record the host key of " + knownName + " in " + store.describe()
                            + ": the object kept changing");
                }
                return record(knownName, line, attempts - 1);
            });
        });
    }

    static Map<String, String> parse(String text) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int space = line.indexOf(' ');
            if (space > 0) {
                keys.putIfAbsent(line.substring(0, space), line.substring(space + 1).strip());
            }
        }
        return keys;
    }
}
