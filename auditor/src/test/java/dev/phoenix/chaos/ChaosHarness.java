package dev.phoenix.chaos;

import dev.phoenix.audit.AuditEngine;
import dev.phoenix.audit.GroupRuntime;
import dev.phoenix.baseline.FileBaselineStore;
import dev.phoenix.fakes.FakeFleet;
import dev.phoenix.fakes.MutableClock;
import dev.phoenix.fakes.RecordingChaosExecutor;
import dev.phoenix.fakes.StaticProbe;
import dev.phoenix.model.FactFilter;
import dev.phoenix.report.Scorecard;
import dev.phoenix.spi.ProviderContext;
import dev.phoenix.spi.Settings;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One audit with a chaos phase over fake fleets, with every part of the chaos phase replaceable. */
final class ChaosHarness {

    final Vertx vertx;
    final Path store;
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-04T10:30:00Z")); // a Wednesday
    final Map<String, String> env = new HashMap<>();
    final Map<String, Object> chaos = new LinkedHashMap<>(Map.of("enabled", true, "max-per-group", 1));
    final List<GroupRuntime> groups = new ArrayList<>();
    List<Guard> guards = Guards.standard();
    RecordingChaosExecutor executor = new RecordingChaosExecutor();
    ChaosLedger ledger;
    KillSwitch killSwitch;
    String killFile = "";
    /** The chaos phase of the last {@link #run}, once the audit reached it. */
    volatile ChaosRun chaosRun;

    ChaosHarness(Vertx vertx, Path store) {
        this.vertx = vertx;
        this.store = store;
    }

    ChaosHarness group(FakeFleet fleet, String name, Set<String> down) {
        groups.add(new GroupRuntime(name, fleet, List.of(new StaticProbe(down)), FactFilter.none(), FactFilter.none()));
        return this;
    }

    ChaosHarness group(FakeFleet fleet, String name) {
        return group(fleet, name, Set.of());
    }

    ProviderContext context() {
        return ProviderContext.create(vertx, clock, 7L, env);
    }

    KillSwitch killSwitch() {
        if (killSwitch == null) {
            killSwitch = new KillSwitch(vertx, killFile, "PHOENIX_CHAOS_STOP", env);
        }
        return killSwitch;
    }

    Future<Scorecard> run() {
        ProviderContext ctx = context();
        ChaosSettings settings = ChaosSettings.parse(Settings.of("chaos", chaos));
        FileBaselineStore baselines = new FileBaselineStore(store, ctx.blocking());
        ChaosLedger l = ledger != null ? ledger : new FileChaosLedger(store, ctx.blocking());
        KillSwitch k = killSwitch();
        AuditEngine engine = new AuditEngine(ctx, baselines);
        AuditEngine.Options options = new AuditEngine.Options(true, executor.dryRun(), 8, Duration.ofSeconds(5), null);
        Promise<Scorecard> result = Promise.promise();
        vertx.runOnContext(v -> engine.run(groups, options, prober ->
                        chaosRun = new ChaosRun(ctx, settings, executor, l, k, guards, prober, baselines))
                .map(AuditEngine.Outcome::scorecard)
                .onComplete(result));
        return result.future();
    }
}
