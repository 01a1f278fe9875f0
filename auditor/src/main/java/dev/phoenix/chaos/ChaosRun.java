package dev.phoenix.chaos;

import dev.phoenix.audit.ChaosPhase;
import dev.phoenix.audit.GroupAudit;
import dev.phoenix.baseline.Baselines;
import dev.phoenix.observe.MemberProber;
import dev.phoenix.report.ChaosResult;
import dev.phoenix.report.ChaosVerdict;
import dev.phoenix.spi.ProviderContext;
import dev.phoenix.stop.StopCondition;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
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
        this.settings = settings;
        this.ledger = ledger;
        this.planner = new ChaosPlanner(settings, ctx.random("chaos"));
        this.guards = new GuardChain(guards, killSwitch, settings, ctx.clock(), !executor.dryRun(), stopConditions);
        this.experiment = new Experiment(ctx, settings, executor, ledger, this.guards, prober,
                new ReplacementJudge(ctx, settings, prober, baselines));
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
                    Future<Void> chain = Future.succeededFuture();
                    for (GroupAudit audit : audits) {
                        if (audit.judgement() != null && settings.covers(audit.name())) {
                            chain = chain.compose(v -> group(audit));
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

    private Future<Void> group(GroupAudit audit) {
        ChaosPlanner.Plan plan = planner.plan(audit);
        plan.skipped().ifPresent(this::add);
        return next(audit, plan, 0);
    }

    private Future<Void> next(GroupAudit audit, ChaosPlanner.Plan plan, int index) {
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
                }
                return b.groupWide() ? Future.<Void>succeededFuture() : next(audit, plan, index + 1);
            }
            state.victim(audit.name());
            return experiment.run(audit, drawn.observed(), drawn.status(), state).compose(result -> {
                add(result);
                if (result.verdict() == ChaosVerdict.REPLACEMENT_FAILED || result.verdict() == ChaosVerdict.TIMED_OUT) {
                    state.halt(result.verdict() + " for " + result.victim());
                }
                return next(audit, plan, index + 1);
            });
        });
    }
}
