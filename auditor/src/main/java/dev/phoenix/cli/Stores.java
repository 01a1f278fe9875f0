package dev.phoenix.cli;

import dev.phoenix.baseline.BaselineStore;
import dev.phoenix.baseline.FileBaselineStore;
import dev.phoenix.chaos.ChaosLedger;
import dev.phoenix.chaos.FileChaosLedger;
import dev.phoenix.config.ConfigFileException;
import dev.phoenix.config.PhoenixConfig;
import dev.phoenix.spi.ConfigException;
import dev.phoenix.spi.ProviderContext;
import java.nio.file.Path;

/** Where a config's baselines and chaos ledger live ({@code store:}, relative to the config file). */
final class Stores {

    private Stores() {
    }

    static Path directory(PhoenixConfig config) {
        String store = config.store();
        if (store.startsWith("s3://")) {
            throw ConfigFileException.at(config.file(), config.tree(), new ConfigException("store",
                    "s3:// stores are not supported by this build yet; use a directory"));
        }
        return config.baseDir().resolve(store).normalize();
    }

    static BaselineStore baselines(PhoenixConfig config, ProviderContext ctx) {
        return new FileBaselineStore(directory(config), ctx.blocking());
    }

    static ChaosLedger ledger(PhoenixConfig config, ProviderContext ctx) {
        return new FileChaosLedger(directory(config), ctx.blocking());
    }
}
