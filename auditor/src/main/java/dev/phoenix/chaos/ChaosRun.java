package dev.phoenix.chaos;

import dev.phoenix.audit.ChaosPhase;
import dev.phoenix.audit.GroupAudit;
import dev.phoenix.baseline.Baselines;
import dev.phoenix.model.Mutability;
import dev.phoenix.observe.MemberProber;
import dev.phoenix.proof.Freshness;
import dev.phoenix.proof.Proof;
import dev.phoenix.proof.ProofBook;
import dev.phoenix.report.GroupProof;
import dev.phoenix.report.MemberStatus;
import dev.phoenix.report.ProofStatus;
import dev.phoenix.report.ChaosResult;
import dev.phoenix.report.ChaosVerdict;
import dev.phoenix.spi.ProviderContext;
import dev.phoenix.stop.StopCondition;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chaos phase of one run, put together from parts with one job each: the
 * {@link ChaosPlanner} draws victims, the {@link GuardChain} decides whether each may go, an
 * {@link Experiment} replaces it and the {@link ReplacementJudge} judges the replacement.
 * Experiments run one at a time; a failed replacement stops the rest of the run.
 *
 * <pre>{@code
 * ChaosExecutor executor = unleash && config.chaos().enabled() ? ChaosExecutor.unleashed() : ChaosExecutor.leashed();
 * engine.run(runId, groups, options, prober ->
 *         new ChaosRun(ctx, config.chaos(), executor, ledger, killSwitch, Guards.standard(), prober, baselines), cut);
 * }</pre>
 *
 * {@link #stop} (a shutdown cut) lets no further termination start; {@link #resultsSoFar} is what
 * a run cut short reports.
 *
 * <p>Why it is over 250 lines: it is the sequence of one run's experiments and nothing else (the
 * drawing, guarding, replacing and judging live in the classes above); the second replacement of
 * {@code verify: twice} and the proofs it records are steps of that same sequence, and splitting them
 * out would spread the order in which terminations happen over two classes.
 */
public final class ChaosRun implements ChaosPhase {

    private static final Logger LOG = LoggerFactory.getLogger(ChaosRun.class);

    private final ChaosSettings settings;
    private final ChaosLedger ledger;
    private final ChaosPlanner planner;
    private final GuardChain guards;
    private final Experiment experiment;
    private final ChaosState state = new ChaosState();
    private final List<ChaosResult> results = new ArrayList<>();
    private final List<Proof.Proven> proven = new ArrayList<>();
    private final Map<String, String> picks = new LinkedHashMap<>();
    private final Map<String, String> replacementFingerprints = new java.util.concurrent.ConcurrentHashMap<>();
    private final ProofBook proofBook;
    private final ProviderContext ctx;

    /**
     * A run that is unleashed exactly when {@code executor} is not the leashed twin
     * ({@link ChaosExecutor#dryRun()}): the {@code unleashed} guard blocks every termination otherwise.
     */
    public ChaosRun(ProviderContext ctx, ChaosSettings settings, ChaosExecutor executor, ChaosLedger ledger,
                    KillSwitch killSwitch, List<Guard> guards, MemberProber prober, Baselines baselines) {
        this(ctx, settings, executor, ledger, killSwitch, guards, List.of(), prober, baselines);
    }

    /** @param stopConditions the built {@code chaos.stop-conditions} */
    public ChaosRun(ProviderContext ctx, ChaosSettings settings, ChaosExecutor executor, ChaosLedger ledger,
                    KillSwitch killSwitch, List<Guard> guards, List<StopCondition> stopConditions, MemberProber prober,
                    Baselines baselines) {
        this(ctx, settings, executor, ledger, killSwitch, guards, stopConditions, prober, baselines, null);
    }

    /**
     * @param proofs the store's proof book, which {@code chaos.target: stale-first} plans from; null for none (a
     *               stale-first run then injects nothing)
     */
    public ChaosRun(ProviderContext ctx, ChaosSettings settings, ChaosExecutor executor, ChaosLedger ledger,
                    KillSwitch killSwitch, List<Guard> guards, List<StopCondition> stopConditions, MemberProber prober,
                    Baselines baselines, ProofBook proofs) {
        this.ctx = ctx;
        this.proofBook = proofs;
        this.settings = settings;
        this.ledger = ledger;
        this.planner = new ChaosPlanner(settings, ctx.random("chaos"));
        this.guards = new GuardChain(guards, killSwitch, settings, ctx.clock(), !executor.dryRun(), stopConditions);
        this.experiment = new Experiment(ctx, settings, executor, ledger, this.guards, prober,
                new ReplacementJudge(ctx, settings, prober, baselines, p -> {
                    synchronized (proven) {
                        proven.add(p);
                    }
                }, replacementFingerprints::put));
    }

    @Override
    public Future<List<ChaosResult>> run(List<GroupAudit> audits) {
        return ledger.lastTerminations()
                .recover(e -> {
                    LOG.warn("chaos ledger unreadable, guards that need it will block: {}", e.getMessage());
                    return Future.succeededFuture(null);
                })
                .compose(last -> {
                    state.lastTerminations(last);
                    List<GroupAudit> covered = audits.stream().filter(a -> a.judgement() != null && settings.covers(a.name())).toList();
                    return order(covered);
                })
                .compose(ordered -> {
                    Future<Void> chain = Future.succeededFuture();
                    for (Ordered o : ordered) {
                        if (o.skipped() != null) {
                            add(o.skipped());
                        } else {
                            chain = chain.compose(v -> group(o.audit(), o.why()));
                        }
                    }
                    return chain;
                })
                .map(v -> resultsSoFar());
    }

    @Override
    public void stop(String reason) {
        state.halt(reason);
    }

    @Override
    public List<ChaosResult> resultsSoFar() {
        List<ChaosResult> out;
        synchronized (results) {
            out = new ArrayList<>(results);
        }
        experiment.inFlight().ifPresent(f -> out.add(new ChaosResult(f.group(), f.victim(), null, ChaosVerdict.TIMED_OUT,
                "the run was cut short while " + f.victim() + " was being replaced; its outcome was not waited for"
                        + state.halt().map(r -> " (" + r + ")").orElse(""), null, null, List.of(), null)));
        return List.copyOf(out);
    }

    private void add(ChaosResult result) {
        synchronized (results) {
            results.add(result);
        }
    }

    /** The fingerprint digest of each judged replacement, by victim id. */
    public Map<String, String> replacementFingerprints() {
        return Map.copyOf(replacementFingerprints);
    }

    /** Proofs this run's experiments made, in the order they were made. */
    public List<Proof.Proven> proven() {
        synchronized (proven) {
            return List.copyOf(proven);
        }
    }

    /**
     * Why each member that got through every guard but {@code unleashed} (or really went) was picked,
     * by member id, in the order they were tried: what {@code phoenix chaos plan} prints.
     */
    public Map<String, String> picks() {
        synchronized (picks) {
            return new LinkedHashMap<>(picks);
        }
    }

    /**
     * A group in the order it is tried, with why it comes there, or the experiment recorded when
     * {@code stale-first} leaves it alone.
     */
    private record Ordered(GroupAudit audit, String why, ChaosResult skipped) {
    }

    /** The groups in config order, or, for {@code stale-first}, never proven, then stale, oldest proof first. */
    private Future<List<Ordered>> order(List<GroupAudit> covered) {
        if (settings.target() != ChaosSettings.Target.STALE_FIRST) {
            return Future.succeededFuture(covered.stream().map(a -> new Ordered(a, null, null)).toList());
        }
        Future<Map<String, List<Proof>>> book = proofBook == null
                ? Future.failedFuture(new IllegalStateException("this run has no proof book"))
                : proofBook.read();
        return book.transform(ar -> {
            List<Ordered> out = new ArrayList<>();
            if (ar.failed()) {
                LOG.warn("chaos: stale-first cannot read the proofs, injecting nothing: {}", ar.cause().getMessage());
                for (GroupAudit a : covered) {
                    out.add(new Ordered(a, null, ChaosResult.skipped(a.name(), null, "stale-first", "not injecting: stale-first: "
                            + "the group's proofs cannot be read (" + ar.cause().getMessage() + ")")));
                }
                return Future.succeededFuture(out);
            }
            List<GroupProof> assessed = new ArrayList<>();
            Map<String, GroupAudit> byName = new LinkedHashMap<>();
            for (GroupAudit a : covered) {
                List<String> provenances = a.observed().stream().filter(o -> o.member().mutability() == Mutability.IMMUTABLE)
                        .map(o -> o.member().provenance()).toList();
                if (provenances.isEmpty()) {
                    out.add(new Ordered(a, null, null)); // no immutable member: nothing to prove, the guards say why
                    continue;
                }
                byName.put(a.name(), a);
                assessed.add(Freshness.assess(a.name(), provenances, ar.result().get(a.name()), ctx.clock().instant(),
                        settings.proofTtl()));
            }
            assessed.sort(Freshness.MOST_URGENT_FIRST);
            List<Ordered> first = new ArrayList<>();
            for (GroupProof p : assessed) {
                GroupAudit a = byName.get(p.group());
                if (p.status() == ProofStatus.PROVEN) {
                    out.add(new Ordered(a, null, ChaosResult.skipped(a.name(), null, "stale-first", "not injecting: stale-first: "
                            + p.reason())));
                } else {
                    first.add(new Ordered(a, "stale-first: " + p.status() + ": " + p.reason(), null));
                }
            }
            first.addAll(out);
            return Future.succeededFuture(first);
        });
    }

    private Future<Void> group(GroupAudit audit, String why) {
        ChaosPlanner.Plan plan = planner.plan(audit);
        plan.skipped().ifPresent(this::add);
        return next(audit, plan, 0, why);
    }

    private void picked(ChaosPlanner.Drawn drawn, ChaosPlanner.Plan plan, String why) {
        String how = settings.target() == ChaosSettings.Target.MUTATED_FIRST && drawn.status() == MemberStatus.MUTATED
                ? "mutated-first: it was found MUTATED in this run"
                : "drawn at random among the group's " + plan.candidates().size() + " opted-in member(s)";
        synchronized (picks) {
            picks.put(drawn.observed().member().id(), (why == null ? "" : why + "; ") + how);
        }
    }

    private Future<Void> next(GroupAudit audit, ChaosPlanner.Plan plan, int index, String why) {
        int taken = state.victims(audit.name());
        if (index >= plan.candidates().size() || (taken > 0 && taken >= settings.maxPerGroup())) {
            return Future.succeededFuture(); // the group had its victims: stop quietly, not one skip per candidate
        }
        ChaosPlanner.Drawn drawn = plan.candidates().get(index);
        Candidate candidate = drawn.candidate(audit.name(), plan.groupSize(), plan.inService(), plan.expected());
        return guards.check(candidate, state).compose(block -> {
            if (block.isPresent()) {
                GuardChain.Block b = block.get();
                add(ChaosResult.skipped(audit.name(), candidate.victim().id(), b.guard(), b.describe()));
                if (b.countsAsVictim()) {
                    // e.g. a dry run: every other guard let it through, a would-be victim counted for max-per-group
                    state.victim(audit.name());
                    picked(drawn, plan, why);
                }
                return b.groupWide() ? Future.<Void>succeededFuture() : next(audit, plan, index + 1, why);
            }
            state.victim(audit.name());
            picked(drawn, plan, why);
            return experiment.run(audit, drawn.observed(), drawn.status(), state).compose(result -> {
                add(result);
                if (result.verdict() != ChaosVerdict.REPRODUCED) {
                    synchronized (proven) { // e.g. NONDETERMINISTIC under verify: twice: the first match proves nothing
                        proven.removeIf(p -> p.group().equals(result.group()) && result.victim().equals(p.proof().victim()));
                    }
                }
                if (result.verdict() == ChaosVerdict.REPLACEMENT_FAILED || result.verdict() == ChaosVerdict.TIMED_OUT) {
                    state.halt(result.verdict() + " for " + result.victim());
                }
                return next(audit, plan, index + 1, why);
            });
        });
    }
}
