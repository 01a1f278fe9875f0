package dev.phoenix.audit;

import dev.phoenix.baseline.FileBaselineStore;
import dev.phoenix.chaos.ChaosExecutor;
import dev.phoenix.chaos.ChaosRun;
import dev.phoenix.chaos.ChaosSettings;
import dev.phoenix.chaos.FileChaosLedger;
import dev.phoenix.chaos.Guards;
import dev.phoenix.chaos.KillSwitch;
import dev.phoenix.report.Scorecard;
import dev.phoenix.spi.ProviderContext;
import dev.phoenix.spi.Settings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Runs the real engine (store, judge, chaos) on fake fleets in a temporary store. */
public final class EngineHarness {

    public final ProviderContext ctx;
    public final FileBaselineStore store;
    public final FileChaosLedger ledger;
    private final Vertx vertx;

    public EngineHarness(Vertx vertx, Path storeDir, long seed) {
        this.vertx = vertx;
        this.ctx = ProviderContext.create(vertx, Clock.systemUTC(), seed, Map.of());
        this.store = new FileBaselineStore(storeDir, ctx.blocking());
        this.ledger = new FileChaosLedger(storeDir, ctx.blocking());
    }

    public static ChaosSettings chaos(Map<String, Object> settings) {
        return ChaosSettings.parse(Settings.of("chaos", settings));
    }

    /** An audit without chaos. */
    public Future<Scorecard> audit(List<GroupRuntime> groups) {
        return run(groups, null, null);
    }

    /** An audit followed by chaos with {@code settings} and {@code executor}. */
    public Future<Scorecard> run(List<GroupRuntime> groups, ChaosSettings settings, ChaosExecutor executor) {
        AuditEngine engine = new AuditEngine(ctx, store);
        AuditEngine.Options options = new AuditEngine.Options(settings != null, executor == null || executor.dryRun(), 8,
                Duration.ofSeconds(5), null);
        KillSwitch kill = new KillSwitch(vertx, "", "PHOENIX_CHAOS_STOP", Map.of());
        io.vertx.core.Promise<Scorecard> result = io.vertx.core.Promise.promise();
        vertx.getOrCreateContext().runOnContext(v -> engine.run(groups, options, prober -> new ChaosRun(ctx, settings,
                        executor, ledger, kill, Guards.standard(), prober, store))
                .map(AuditEngine.Outcome::scorecard).onComplete(result));
        return result.future();
    }
}
