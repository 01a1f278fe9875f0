package dev.phoenix.cli;

import dev.phoenix.aws.AwsClients;
import dev.phoenix.aws.AwsSettings;
import dev.phoenix.baseline.AcceptanceLog;
import dev.phoenix.baseline.BaselineStore;
import dev.phoenix.baseline.ObjectBaselineStore;
import dev.phoenix.chaos.ChaosLedger;
import dev.phoenix.chaos.ObjectChaosLedger;
import dev.phoenix.config.ConfigFileException;
import dev.phoenix.config.PhoenixConfig;
import dev.phoenix.spi.ConfigException;
import dev.phoenix.spi.ProviderContext;
import dev.phoenix.store.HistorySettings;
import dev.phoenix.store.LocalObjectStore;
import dev.phoenix.store.ObjectStore;
import dev.phoenix.store.RunHistory;
import dev.phoenix.store.S3ObjectStore;
import dev.phoenix.store.StoreLocation;
import dev.phoenix.store.StoredRunHistory;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Everything a config's {@code store:} holds, opened once: baselines, the chaos ledger, run
 * history and the baseline decision log, in a directory (relative to the config file) or in
 * {@code s3://bucket/prefix}.
 */
final class Stores {

    final ObjectStore objects;
    final BaselineStore baselines;
    final ChaosLedger ledger;
    final RunHistory history;
    final AcceptanceLog acceptances;
    /** The directory, for a local store. */
    final Optional<Path> directory;

    private Stores(ObjectStore objects, Optional<Path> directory, HistorySettings retention, ProviderContext ctx) {
        this.objects = objects;
        this.directory = directory;
        this.baselines = new ObjectBaselineStore(objects);
        this.ledger = new ObjectChaosLedger(objects, ctx.vertx());
        this.history = new StoredRunHistory(objects, retention, ctx.clock());
        this.acceptances = new AcceptanceLog(objects, ctx.random("acceptance-log:" + ctx.clock().millis()));
    }

    /**
     * Opens the config's store.
     *
     * @throws ConfigFileException naming {@code store} or {@code aws.*} when the location is malformed
     */
    static Stores open(PhoenixConfig config, ProviderContext ctx) {
        try {
            StoreLocation location;
            try {
                location = StoreLocation.parse(config.store(), config.baseDir());
            } catch (IllegalArgumentException e) {
                throw new ConfigException("store", e.getMessage());
            }
            HistorySettings retention = HistorySettings.parse(config.root().child("history"));
            if (location.directory().isPresent()) {
                return new Stores(new LocalObjectStore(location.directory().get(), ctx.blocking()), location.directory(),
                        retention, ctx);
            }
            // the AWS clients every fleet and probe shares: the same aws: section, environment and credential rules
            AwsClients aws = AwsClients.shared(ctx, AwsSettings.from(config.root(), ctx.env()));
            return new Stores(new S3ObjectStore(aws, location.bucket(), location.prefix()), Optional.empty(), retention, ctx);
        } catch (ConfigException e) {
            throw ConfigFileException.at(config.file(), config.tree(), e);
        }
    }

    Future<Void> close() {
        return objects.close();
    }

    String describe() {
        return objects.describe();
    }
}
