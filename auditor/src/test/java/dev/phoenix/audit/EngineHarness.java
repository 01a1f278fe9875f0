package dev.phoenix.audit;

import dev.phoenix.chaos.ChaosExecutor;
import dev.phoenix.chaos.ChaosLedger;
import dev.phoenix.chaos.ChaosRun;
import dev.phoenix.chaos.ChaosSettings;
import dev.phoenix.chaos.Guard;
import dev.phoenix.chaos.Guards;
import dev.phoenix.chaos.KillSwitch;
import dev.phoenix.fakes.RecordingChaosExecutor;
import dev.phoenix.history.HistorySettings;
import dev.phoenix.observe.GroupRuntime;
import dev.phoenix.report.Scorecard;
import dev.phoenix.runtime.Stores;
import dev.phoenix.spi.ProviderContext;
import dev.phoenix.spi.Settings;
import dev.phoenix.store.LocalObjectStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the real engine (baselines, judge, and the chaos phase with its guards, ledger and kill
 * switch) on fake fleets, with the stores in a directory as the runtime opens them. Every part of
 * the chaos phase can be replaced before a run, and the run's chaos phase is at hand
 * ({@link #chaosRun}); a new harness on the same directory is a restarted process.
 *
 * <pre>{@code
 * EngineHarness h = new EngineHarness(vertx, storeDir, 7);
 * h.group(FakeFleet.of("web", 3, Mutability.IMMUTABLE, true).runtime());
 * h.chaos.put("min-healthy", "100%");
 * h.run().onComplete(...);                    // audit + chaos with h.chaos and h.executor
 * h.run(List.of(fleet.runtime()), EngineHarness.chaos(Map.of("enabled", true)), ChaosExecutor.unleashed());
 * }</pre>
 */
public final class EngineHarness {

    public final Vertx vertx;
    public final Path store;
    private final long seed;

    /** The clock of every run: set a {@link dev.phoenix.testing.MutableClock} for window and interval tests. */
    public Clock clock = Clock.systemUTC();
    /** The environment runs see (the kill switch's variable, {@code PHOENIX_CHAOS_STOP}). */
    public final Map<String, String> env = new HashMap<>();
    /** The chaos section for {@link #run()}. */
    public final Map<String, Object> chaos = new LinkedHashMap<>(Map.of("enabled", true, "max-per-group", 1));
    /** The groups for {@link #run()}. */
    public final List<GroupRuntime> groups = new ArrayList<>();
    public List<Guard> guards = Guards.standard();
    /** The executor for {@link #run()}: records what it is asked to replace. */
    public RecordingChaosExecutor executor = new RecordingChaosExecutor();
    /** The stop conditions of chaos runs. */
    public List<dev.phoenix.stop.StopCondition> stopConditions = new ArrayList<>();
    /** The chaos ledger; null for the one in the store. */
    public ChaosLedger ledger;
    /** The kill switch; null for one on {@link #killFile} and {@code PHOENIX_CHAOS_STOP}, built on first use. */
    public KillSwitch killSwitch;
    public String killFile = "";
    /**
     * Whether runs keep history as the commands do: each run reads the previous one (missing members,
     * expected sizes) and is recorded after.
     */
    public boolean history;
    /** Whether runs keep reproducibility proofs as the runtime does: recorded after each run and told in its scorecard. */
    public boolean proofs;
    /** The chaos phase of the last run, once the audit reached it. */
    public volatile ChaosRun chaosRun;

    public EngineHarness(Vertx vertx, Path store, long seed) {
        this.vertx = vertx;
        this.store = store;
        this.seed = seed;
    }

    public static ChaosSettings chaos(Map<String, Object> settings) {
        return ChaosSettings.parse(Settings.of("chaos", settings));
    }

    public EngineHarness group(GroupRuntime group) {
        groups.add(group);
        return this;
    }

    public KillSwitch killSwitch() {
        if (killSwitch == null) {
            killSwitch = new KillSwitch(vertx, killFile, "PHOENIX_CHAOS_STOP", env);
        }
        return killSwitch;
    }

    /** An audit of {@code groups} without chaos. */
    public Future<Scorecard> audit(List<GroupRuntime> groups) {
        return run(groups, null, null);
    }

    /** An audit of {@link #groups} followed by chaos with {@link #chaos} and {@link #executor}. */
    public Future<Scorecard> run() {
        return run(groups, chaos(chaos), executor);
    }

    /** An audit of {@code groups} followed, when {@code settings} is not null, by chaos with {@code executor}. */
    public Future<Scorecard> run(List<GroupRuntime> groups, ChaosSettings settings, ChaosExecutor executor) {
        ProviderContext ctx = ProviderContext.create(vertx, clock, seed, env);
        Stores stores = Stores.in(new LocalObjectStore(store, ctx.blocking()), Optional.of(store), HistorySettings.defaults(), ctx);
        if (ledger != null) {
            stores = new Stores(stores.objects(), stores.baselines(), ledger, stores.history(), stores.directory(), stores.proofs());
        }
        Stores opened = stores;
        AuditEngine engine = new AuditEngine(ctx, stores.baselines());
        Future<PreviousRun> previous = history ? stores.history().latest().map(found -> found.map(PreviousRun::new).orElse(null))
                : Future.succeededFuture(null);
        return ctx.onEventLoop(() -> previous.compose(p -> engine.run(groups, new AuditEngine.Options(settings != null,
                        executor == null || executor.dryRun(), 8, 1, Duration.ofSeconds(5), null, p, null), prober ->
                        chaosRun = new ChaosRun(ctx, settings, executor, opened.ledger(), killSwitch(), guards, stopConditions, prober,
                                opened.baselines(), opened.proofs()))))
                .map(AuditOutcome::scorecard)
                .compose(card -> !proofs ? Future.succeededFuture(card)
                        : new dev.phoenix.proof.ProofKeeper(opened.proofs(), clock).settle(card,
                        settings == null || chaosRun == null ? List.of() : chaosRun.proven(),
                        (settings == null ? ChaosSettings.disabled() : settings).proofTtl()))
                .compose(card -> history ? opened.history().save(card).map(card) : Future.succeededFuture(card));
    }
}
