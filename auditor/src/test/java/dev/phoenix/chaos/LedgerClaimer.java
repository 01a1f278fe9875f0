package dev.phoenix.chaos;

import dev.phoenix.store.LocalObjectStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Phoenix-like process for {@link LedgerAcrossProcessesTest}: claims {@code count} groups named
 * {@code <prefix>-<i>} in the chaos ledger of a local store, all at once, then exits 0 when every
 * claim was granted (1 otherwise, printing why).
 *
 * <pre>{@code java -cp ... dev.phoenix.chaos.LedgerClaimer /tmp/store a 15}</pre>
 */
public final class LedgerClaimer {

    private LedgerClaimer() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String prefix = args[1];
        int count = Integer.parseInt(args[2]);
        Vertx vertx = Vertx.vertx();
        ObjectChaosLedger ledger = new ObjectChaosLedger(new LocalObjectStore(dir, vertx.createSharedWorkerExecutor("store", 4)), vertx);
        List<Future<Optional<String>>> claims = new ArrayList<>();
        Instant at = Instant.parse("2026-03-04T10:30:00Z");
        for (int i = 0; i < count; i++) {
            claims.add(ledger.claim(prefix + "-" + i, "m-" + i, at.plusSeconds(i), Duration.ofHours(1)));
        }
        int code;
        try {
            Future.all(claims).toCompletionStage().toCompletableFuture().get();
            long refused = claims.stream().filter(c -> c.result().isPresent()).count();
            code = refused == 0 ? 0 : 1;
            System.out.println(refused == 0 ? "granted " + count : "refused " + refused);
        } catch (Exception e) {
            System.out.println("failed: " + e.getMessage());
            code = 1;
        }
        vertx.close().toCompletionStage().toCompletableFuture().get();
        System.exit(code);
    }
}
