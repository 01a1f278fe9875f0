package dev.phoenix.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phoenix.store.LocalObjectStore;
import dev.phoenix.store.ObjectStore;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The chaos ledger and the conditional write under it, in a local directory shared by two writers. */
@ExtendWith(VertxExtension.class)
class LedgerContentionTest {

    @TempDir
    Path dir;

    private Supplier<ObjectStore> process(Vertx vertx) {
        return () -> new LocalObjectStore(dir, vertx.createSharedWorkerExecutor("store-" + System.nanoTime(), 4));
    }

    @Test
    void concurrentClaimsInDifferentGroups_allStand(Vertx vertx, VertxTestContext t) {
        LedgerContention.concurrentClaimsInDifferentGroups_allStand(vertx, process(vertx), 20, t);
    }

    @Test
    void concurrentClaimsInOneGroup_oneWins(Vertx vertx, VertxTestContext t) {
        LedgerContention.concurrentClaimsInOneGroup_oneWins(vertx, process(vertx), t);
    }

    @Test
    void putIf_writesOnlyOverTheVersionItWasGiven(Vertx vertx, VertxTestContext t) {
        ObjectStore store = process(vertx).get();
        byte[] one = "1".getBytes(StandardCharsets.UTF_8);
        byte[] two = "2".getBytes(StandardCharsets.UTF_8);
        store.putIf("chaos/ledger.json", one, null)
                .compose(created -> {
                    t.verify(() -> assertThat(created).as("created where there was nothing").isTrue());
                    return store.putIf("chaos/ledger.json", two, null);
                })
                .compose(again -> {
                    t.verify(() -> assertThat(again).as("'still absent' after a write").isFalse());
                    return store.getVersioned("chaos/ledger.json");
                })
                .compose(v1 -> store.put("chaos/ledger.json", two).compose(x -> store.putIf("chaos/ledger.json", one, v1.version())))
                .compose(stale -> {
                    t.verify(() -> assertThat(stale).as("over a version replaced since").isFalse());
                    return store.getVersioned("chaos/ledger.json");
                })
                .compose(v2 -> store.putIf("chaos/ledger.json", one, v2.version()))
                .compose(current -> {
                    t.verify(() -> assertThat(current).as("over the current version").isTrue());
                    return store.list("chaos/");
                })
                .onComplete(t.succeeding(keys -> t.verify(() -> {
                    assertThat(keys).as("the lock file is not an object").containsExactly("chaos/ledger.json");
                    t.completeNow();
                })));
    }
}
