package dev.phoenix.runtime;

import dev.phoenix.audit.AuditEngine;
import dev.phoenix.audit.AuditOutcome;
import dev.phoenix.attest.AttestationKey;
import dev.phoenix.attest.Attestations;
import dev.phoenix.audit.PreviousRun;
import dev.phoenix.chaos.ChaosExecutor;
import dev.phoenix.chaos.ChaosRun;
import dev.phoenix.chaos.ChaosSettings;
import dev.phoenix.chaos.Guard;
import dev.phoenix.chaos.Guards;
import dev.phoenix.chaos.KillSwitch;
import dev.phoenix.config.PhoenixConfig;
import dev.phoenix.config.WaiversFile;
import dev.phoenix.score.FindingPolicy;
import dev.phoenix.config.ProbingSettings;
import dev.phoenix.observe.Dispatch;
import dev.phoenix.observe.GroupRuntime;
import dev.phoenix.observe.Observed;
import dev.phoenix.observe.Prober;
import dev.phoenix.observe.Progress;
import dev.phoenix.baseline.Baselines;
import dev.phoenix.chaos.ObjectChaosLedger;
import dev.phoenix.proof.Proof;
import dev.phoenix.proof.ProofBook;
import dev.phoenix.report.Scorecard;
import dev.phoenix.store.ObjectStore;
import dev.phoenix.proof.ProofKeeper;
import dev.phoenix.probe.InFlightLimiter;
import dev.phoenix.spi.ProviderContext;
import dev.phoenix.spi.TargetPolicy;
import dev.phoenix.stop.StopCondition;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything one config needs to run, built once, in one place, from the typed configuration:
 * the provider context, every group's fleet and probes, the stores, the kill switch and the
 * executor that decides whether chaos is leashed. {@code audit}, {@code demo}, {@code serve},
 * {@code baseline} and the tests all run through it.
 *
 * <pre>{@code
 * PhoenixRuntime runtime = PhoenixRuntime.build(platform, config, new PhoenixRuntime.Options(seed, unleash, err::println));
 * AuditOutcome outcome = await(runtime.run(PhoenixRuntime.Run.audit()));
 * await(runtime.run(PhoenixRuntime.Run.withChaos().withId(runId).cutBy(cut)));
 * await(runtime.close());
 * }</pre>
 */
public final class PhoenixRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(PhoenixRuntime.class);

    /**
     * How to build a runtime.
     *
     * @param seed     the random seed of its runs (each run of a long-lived runtime may take its own, {@link Run#seed})
     * @param unleash  {@code --unleash}: chaos runs really terminate when the config enables chaos
     * @param warnings where to say what the user should know before anything runs (no kill-switch file)
     * @param waivers  {@code --waivers}: a waivers file in place of {@code report.waivers}, or null
     */
    public record Options(long seed, boolean unleash, Consumer<String> warnings, Path waivers) {
        public Options {
            Objects.requireNonNull(warnings, "warnings");
        }

        public Options(long seed, boolean unleash, Consumer<String> warnings) {
            this(seed, unleash, warnings, null);
        }
    }

    /**
     * The parts of a runtime, for tests that assemble one around fakes.
     *
     * @param executor the executor of chaos runs: the real one only when {@code --unleash} and {@code chaos.enabled}
     */
    public record Parts(ProviderContext ctx, List<GroupRuntime> groups, Stores stores, ChaosSettings chaos, ProbingSettings probing,
                        KillSwitch killSwitch, List<Guard> guards, List<StopCondition> stopConditions, ChaosExecutor executor,
                        FindingPolicy policy) {
        public Parts {
            groups = List.copyOf(groups);
            guards = List.copyOf(guards);
            stopConditions = List.copyOf(stopConditions);
            Objects.requireNonNull(policy, "policy");
        }

        /** Parts with default severities and no waivers. */
        public Parts(ProviderContext ctx, List<GroupRuntime> groups, Stores stores, ChaosSettings chaos, ProbingSettings probing,
                     KillSwitch killSwitch, List<Guard> guards, List<StopCondition> stopConditions, ChaosExecutor executor) {
            this(ctx, groups, stores, chaos, probing, killSwitch, guards, stopConditions, executor,
                    FindingPolicy.none(java.time.LocalDate.ofInstant(ctx.clock().instant(), java.time.ZoneOffset.UTC)));
        }
    }

    /**
     * One run.
     *
     * @param chaos    include the chaos phase after the audit
     * @param runId    the run's id, or null for a fresh one
     * @param cut      ends the run early when it completes (a shutdown deadline); null when it cannot be cut
     * @param progress called with (members probed, members discovered); may be null
     * @param seed     the run's own seed, or null for the runtime's
     */
    public record Run(boolean chaos, String runId, Future<Void> cut, BiConsumer<Integer, Integer> progress, Long seed) {
        public static Run audit() {
            return new Run(false, null, null, null, null);
        }

        public static Run withChaos() {
            return new Run(true, null, null, null, null);
        }

        public static Run of(boolean chaos) {
            return chaos ? withChaos() : audit();
        }

        public Run withId(String id) {
            return new Run(chaos, id, cut, progress, seed);
        }

        public Run cutBy(Future<Void> newCut) {
            return new Run(chaos, runId, newCut, progress, seed);
        }

        public Run withProgress(BiConsumer<Integer, Integer> newProgress) {
            return new Run(chaos, runId, cut, newProgress, seed);
        }

        public Run withSeed(long newSeed) {
            return new Run(chaos, runId, cut, progress, newSeed);
        }
    }

    private final Parts parts;
    /** {@code chaos.attestation-key}, resolved against the config file; empty for the store's generated key. */
    private final Optional<Path> attestationKey;
    private final Dispatch dispatch;

    private PhoenixRuntime(Parts parts, Optional<Path> attestationKey) {
        this(parts, attestationKey, null);
    }

    private PhoenixRuntime(Parts parts, Optional<Path> attestationKey, Dispatch dispatch) {
        this.parts = parts;
        this.attestationKey = attestationKey;
        this.dispatch = dispatch;
    }

    /**
     * This runtime with its audits' members probed through {@code newDispatch} (a cluster's nodes)
     * instead of here; the same fleets, stores and chaos. Closing either closes both.
     */
    public PhoenixRuntime withDispatch(Dispatch newDispatch) {
        return new PhoenixRuntime(parts, attestationKey, newDispatch);
    }

    /**
     * Probes {@code members} of the group named {@code group} here, under {@code prober}; what a
     * cluster node does with a batch it was sent. Fails only when no such group is configured.
     */
    public Future<List<Observed>> probeHere(Prober prober, String group, List<dev.phoenix.model.Member> members) {
        for (GroupRuntime g : parts.groups()) {
            if (g.name().equals(group)) {
                return prober.probeAll(g, members);
            }
        }
        return Future.failedFuture("no group named '" + group + "' in this node's config");
    }

    /** A prober of this node's own, under the config's bound on calls in flight and probe deadline. */
    public Prober localProber() {
        ProbingSettings probing = parts.probing();
        return new Prober(new InFlightLimiter(probing.concurrency()), probing.timeout(), Progress.none());
    }

    /** A runtime around parts a test built. */
    public static PhoenixRuntime assemble(Parts parts) {
        return new PhoenixRuntime(parts, Optional.empty());
    }

    /**
     * Builds the runtime of {@code config}: fleets and probes through the registries, the store, the
     * kill switch and the executor.
     *
     * @throws dev.phoenix.config.ConfigFileException for a setting a factory or the store refuses, located in the file
     */
    public static PhoenixRuntime build(Platform platform, PhoenixConfig config, Options options) {
        ProviderContext ctx = ProviderContext.create(platform.vertx(), platform.clock(), options.seed(), platform.env());
        if (config.probing().loopbackOnly()) {
            ctx = ctx.withTargets(TargetPolicy.loopbackOnly());
        }
        Stores stores;
        List<GroupRuntime> groups;
        try {
            stores = Stores.open(config, platform.stores(), ctx);
        } catch (RuntimeException e) {
            ctx.shared().close();
            throw e;
        }
        List<StopCondition> stopConditions;
        try {
            stopConditions = Wiring.stopConditions(config, ctx, platform.stopConditions());
            groups = Wiring.build(config, ctx, platform.fleets(), platform.probes(), stores.objects());
        } catch (RuntimeException e) {
            stores.close();
            ctx.shared().close();
            throw e;
        }
        List<FindingPolicy.Waiver> waivers;
        try {
            waivers = waivers(config, options.waivers());
        } catch (RuntimeException e) {
            stores.close();
            ctx.shared().close();
            throw e;
        }
        KillSwitch killSwitch = killSwitch(config, ctx, stores.directory(), platform, options.warnings());
        ChaosExecutor executor = options.unleash() && config.chaos().enabled() ? ChaosExecutor.unleashed() : ChaosExecutor.leashed();
        Optional<Path> key = config.chaos().attestationKey().isEmpty() ? Optional.empty()
                : Optional.of(config.baseDir().resolve(config.chaos().attestationKey()));
        return new PhoenixRuntime(new Parts(ctx, groups, stores, config.chaos(), config.probing(), killSwitch, Guards.standard(),
                stopConditions, executor, new FindingPolicy(config.report().severities(), waivers,
                        java.time.LocalDate.ofInstant(ctx.clock().instant(), java.time.ZoneOffset.UTC))), key);
    }

    /** The waivers of {@code --waivers}, else of {@code report.waivers} (relative to the config file); none without either. */
    private static List<FindingPolicy.Waiver> waivers(PhoenixConfig config, Path option) {
        if (option != null) {
            return WaiversFile.load(option);
        }
        return config.report().waivers().map(f -> WaiversFile.load(config.baseDir().resolve(f))).orElse(List.of());
    }

    /**
     * The kill switch of a config: {@code chaos.kill-switch.file} (relative to the config file;
     * default {@code <store>/chaos/STOP} for a directory store) and {@code chaos.kill-switch.env}.
     * With chaos enabled and no file (a store that is not a directory, and none configured) it
     * warns that only the variable and the API can stop chaos.
     */
    private static KillSwitch killSwitch(PhoenixConfig config, ProviderContext ctx, Optional<Path> storeDir, Platform platform,
                                         Consumer<String> warnings) {
        String configured = config.chaos().killSwitchFile();
        String file = !configured.isEmpty() ? config.baseDir().resolve(configured).toString()
                : storeDir.map(d -> d.resolve("chaos").resolve("STOP").toString()).orElse("");
        if (file.isEmpty() && config.chaos().enabled()) {
            warnings.accept("warning: no kill-switch file: the store " + config.store() + " is not a directory and "
                    + "chaos.kill-switch.file is not set; only " + config.chaos().killSwitchEnv()
                    + " (and serve's POST /api/chaos/stop) can stop chaos");
        }
        return new KillSwitch(ctx.vertx(), file, config.chaos().killSwitchEnv(), platform.env());
    }

    /** Runs one audit (and chaos, when asked) on a Vert.x event-loop context; the outcome completes there. */
    public Future<AuditOutcome> run(Run run) {
        ProviderContext ctx = run.seed() == null ? parts.ctx() : parts.ctx().withSeed(run.seed());
        ChaosExecutor executor = run.chaos() ? parts.executor() : ChaosExecutor.leashed();
        ProbingSettings probing = parts.probing();
        AuditEngine engine = new AuditEngine(ctx, parts.stores().baselines(), dispatch);
        return ctx.onEventLoop(() -> previousRun().compose(previous -> {
            FindingPolicy policy = parts.policy().on(java.time.LocalDate.ofInstant(ctx.clock().instant(), java.time.ZoneOffset.UTC));
            AuditEngine.Options options = new AuditEngine.Options(run.chaos(), executor.dryRun(), probing.concurrency(), probing.loops(),
                    probing.timeout(), run.progress(), previous, policy);
            java.util.concurrent.atomic.AtomicReference<ChaosRun> chaos = new java.util.concurrent.atomic.AtomicReference<>();
            return engine.run(run.runId(), parts.groups(), options, prober -> {
                        ChaosRun c = new ChaosRun(ctx, parts.chaos(), executor, parts.stores().ledger(), parts.killSwitch(), parts.guards(),
                                parts.stopConditions(), prober, parts.stores().baselines(), parts.stores().proofs());
                        chaos.set(c);
                        return c;
                    }, run.cut())
                    .compose(outcome -> withProofs(ctx, outcome, chaos.get()));
        }));
    }

    /**
     * What the next chaos run would do, touching nothing.
     *
     * @param scorecard the planning run's scorecard: its chaos results are SKIPPED, those under the {@code unleashed}
     *                  guard being the members an unleashed run would terminate; its proofs as they stand
     * @param picks     why each of those members was picked, by member id
     */
    public record Plan(Scorecard scorecard, java.util.Map<String, String> picks) {
    }

    /**
     * Plans the next chaos run: discovers and probes the fleet and runs the chaos phase with the
     * leashed executor, so that every guard but {@code unleashed} is evaluated as it would be, on
     * stores that read through to the real ones and write nothing ({@link ReadOnlyObjectStore}).
     *
     * <pre>{@code
     * PhoenixRuntime.Plan plan = await(runtime.plan());
     * plan.picks()   // {web-3=stale-first: STALE: ...; drawn at random among the group's 3 opted-in member(s)}
     * }</pre>
     */
    public Future<Plan> plan() {
        ProviderContext ctx = parts.ctx();
        Stores real = parts.stores();
        ObjectStore seen = new ReadOnlyObjectStore(real.objects());
        Baselines baselines = Baselines.in(seen, ctx);
        ObjectChaosLedger ledger = new ObjectChaosLedger(seen, ctx.vertx());
        ProofBook proofs = new ProofBook(seen, ctx.vertx());
        ChaosExecutor leashed = ChaosExecutor.leashed();
        ProbingSettings probing = parts.probing();
        AuditEngine engine = new AuditEngine(ctx, baselines);
        java.util.concurrent.atomic.AtomicReference<ChaosRun> chaos = new java.util.concurrent.atomic.AtomicReference<>();
        return ctx.onEventLoop(() -> previousRun().compose(previous -> engine.run(null, parts.groups(),
                        new AuditEngine.Options(true, true, probing.concurrency(), probing.loops(), probing.timeout(), null, previous, parts.policy()),
                        prober -> {
                            ChaosRun c = new ChaosRun(ctx, parts.chaos(), leashed, ledger, parts.killSwitch(), parts.guards(),
                                    parts.stopConditions(), prober, baselines, proofs);
                            chaos.set(c);
                            return c;
                        }, null))
                .compose(outcome -> new ProofKeeper(proofs, ctx.clock()).settle(outcome.scorecard(), List.of(), parts.chaos().proofTtl()))
                .map(card -> new Plan(card, chaos.get() == null ? java.util.Map.of() : chaos.get().picks())));
    }

    /** Records the proofs the run made and tells each immutable group's freshness in its scorecard ({@link ProofKeeper}). */
    private Future<AuditOutcome> withProofs(ProviderContext ctx, AuditOutcome outcome, ChaosRun chaos) {
        List<Proof.Proven> proven = chaos == null ? List.of() : chaos.proven();
        return new ProofKeeper(parts.stores().proofs(), ctx.clock()).settle(outcome.scorecard(), proven, parts.chaos().proofTtl())
                .compose(card -> attest(card, chaos).map(files -> new AuditOutcome(card, outcome.unreachable(), outcome.configErrors(),
                        files)));
    }

    /**
     * Signs an attestation per experiment and keeps it with the run ({@link Attestations}); a key or a
     * store that fails costs the run its attestations (said in the log and on stderr by the caller), never the run.
     */
    private Future<java.util.Map<String, byte[]>> attest(Scorecard card, ChaosRun chaos) {
        boolean any = card.chaos().stream().anyMatch(r -> r.verdict() != dev.phoenix.report.ChaosVerdict.SKIPPED && r.victim() != null);
        if (!any) {
            return Future.succeededFuture(java.util.Map.of());
        }
        ObjectStore objects = parts.stores().objects();
        return AttestationKey.open(objects, attestationKey)
                .compose(key -> Attestations.write(objects, key, card, chaos == null ? java.util.Map.of() : chaos.replacementFingerprints(),
                        parts.chaos()))
                .recover(e -> {
                    LOG.warn("run {}: its experiments were not attested: {}", card.runId(), e.getMessage());
                    return Future.succeededFuture(java.util.Map.of());
                });
    }

    /**
     * The newest run in the store's history, to tell missing members and expected sizes; none when
     * there is none, or when the history cannot be read (said in the log: missing members then go
     * unreported for this run, and nothing false is reported).
     */
    private Future<PreviousRun> previousRun() {
        return parts.stores().history().latest()
                .map(found -> found.map(PreviousRun::new).orElse(null))
                .recover(e -> {
                    LOG.warn("the run history at {} cannot be read, so this run cannot tell missing members: {}",
                            parts.stores().history().describe(), e.getMessage());
                    return Future.succeededFuture(null);
                });
    }

    /** Discovers one group and probes its members (what {@code phoenix baseline} looks at); fails only when discovery fails. */
    public Future<List<Observed>> observe(GroupRuntime group) {
        ProbingSettings probing = parts.probing();
        return parts.ctx().onEventLoop(() -> new Prober(new InFlightLimiter(probing.concurrency()), probing.timeout(), Progress.none())
                .observeGroup(group));
    }

    /** Whether chaos runs of this runtime really terminate. */
    public boolean unleashed() {
        return !parts.executor().dryRun();
    }

    public List<GroupRuntime> groups() {
        return parts.groups();
    }

    public Stores stores() {
        return parts.stores();
    }

    public KillSwitch killSwitch() {
        return parts.killSwitch();
    }

    public ProviderContext context() {
        return parts.ctx();
    }

    /** Closes every group's fleet, the stores and the shared clients; best effort, never fails. */
    public Future<Void> close() {
        List<Future<Void>> closing = new ArrayList<>();
        for (GroupRuntime g : parts.groups()) {
            closing.add(Prober.safe(() -> g.fleet().close()).otherwiseEmpty());
        }
        closing.add(Prober.safe(() -> parts.stores().close()).otherwiseEmpty());
        return Future.join(closing).<Void>mapEmpty().otherwiseEmpty()
                .compose(v -> parts.ctx().shared().close().otherwiseEmpty());
    }
}
