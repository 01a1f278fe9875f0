package dev.phoenix.chaos;

import dev.phoenix.store.LocalObjectStore;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/** The chaos ledger as {@code <store>/chaos/ledger.json}, written atomically: an {@link ObjectChaosLedger} on a directory. */
public final class FileChaosLedger implements ChaosLedger {

    private final ObjectChaosLedger ledger;

    public FileChaosLedger(Path storeDir, WorkerExecutor blocking) {
        this.ledger = new ObjectChaosLedger(new LocalObjectStore(storeDir, blocking));
    }

    @Override
    public Future<Map<String, Instant>> lastTerminations() {
        return ledger.lastTerminations();
    }

    @Override
    public Future<Void> recordTermination(String group, String victim, Instant at) {
        return ledger.recordTermination(group, victim, at);
    }
}
