package dev.phoenix.runtime;

import dev.phoenix.baseline.Baselines;
import dev.phoenix.chaos.ChaosLedger;
import dev.phoenix.chaos.ObjectChaosLedger;
import dev.phoenix.config.ConfigFileException;
import dev.phoenix.config.PhoenixConfig;
import dev.phoenix.history.RunHistory;
import dev.phoenix.history.StoredRunHistory;
import dev.phoenix.proof.ProofBook;
import dev.phoenix.spi.ConfigException;
import dev.phoenix.spi.ProviderContext;
import dev.phoenix.spi.Registry;
import dev.phoenix.store.ObjectStore;
import dev.phoenix.store.ObjectStoreFactory;
import dev.phoenix.store.StoreLocation;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Everything a config's {@code store:} holds, opened once: baselines (with their one writer), the
 * chaos ledger, run history and the baseline decision log, in a directory (relative to the config
 * file) or in a store with a scheme ({@code s3://bucket/prefix}, opened by the adapter that
 * registers it).
 *
 * @param directory the directory, for a local store
 */
public record Stores(ObjectStore objects, Baselines baselines, ChaosLedger ledger, RunHistory history, Optional<Path> directory,
                     ProofBook proofs) {

    /** The stores with the proof book kept in {@code objects}. */
    public Stores(ObjectStore objects, Baselines baselines, ChaosLedger ledger, RunHistory history, Optional<Path> directory) {
        this(objects, baselines, ledger, history, directory, null);
    }

    public Stores {
        if (proofs == null) {
            proofs = new ProofBook(objects, null);
        }
    }

    /** The stores kept in {@code objects}. */
    public static Stores in(ObjectStore objects, Optional<Path> directory, dev.phoenix.history.HistorySettings retention,
                            ProviderContext ctx) {
        return new Stores(objects, Baselines.in(objects, ctx),
                new ObjectChaosLedger(objects, ctx.vertx()), new StoredRunHistory(objects, retention, ctx.clock()), directory,
                new ProofBook(objects, ctx.vertx()));
    }

    /**
     * Opens the config's store.
     *
     * @throws ConfigFileException naming {@code store} or {@code aws.*} when the location is malformed
     */
    static Stores open(PhoenixConfig config, Registry<ObjectStoreFactory> factories, ProviderContext ctx) {
        try {
            StoreLocation location = StoreLocation.parse(config.store(), config.baseDir());
            return in(location.open(factories, config.sections(), ctx), location.directory(), config.history(), ctx);
        } catch (ConfigException e) {
            throw config.locate(e);
        }
    }

    public Future<Void> close() {
        return objects.close();
    }

    public String describe() {
        return objects.describe();
    }
}
