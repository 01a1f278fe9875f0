package dev.phoenix.audit;

import dev.phoenix.baseline.Baselines;
import dev.phoenix.drift.DriftJudge;
import dev.phoenix.drift.GroupJudgement;
import dev.phoenix.fleet.Fleet;
import dev.phoenix.model.Mutability;
import dev.phoenix.observe.Dispatch;
import dev.phoenix.observe.GroupRuntime;
import dev.phoenix.observe.MemberProber;
import dev.phoenix.observe.Observed;
import dev.phoenix.observe.Prober;
import dev.phoenix.observe.Progress;
import dev.phoenix.probe.EventLoops;
import dev.phoenix.probe.InFlightLimiter;
import dev.phoenix.report.ChaosResult;
import dev.phoenix.report.MemberResult;
import dev.phoenix.report.RunId;
import dev.phoenix.report.Scorecard;
import dev.phoenix.score.ExpectedSize;
import dev.phoenix.score.FindingPolicy;
import dev.phoenix.score.ScorecardAssembler;
import dev.phoenix.score.ScorecardAssembler.GroupOutcome;
import dev.phoenix.spi.ConfigException;
import dev.phoenix.spi.Errors;
import dev.phoenix.spi.ProviderContext;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One audit: discover every group and probe every member ({@link Prober}), judge each group
 * against its baselines and save them ({@link Baselines}, {@link DriftJudge}), run the chaos
 * phase when asked ({@link ChaosPhase}), and assemble the scorecard ({@link ScorecardAssembler}).
 *
 * <pre>{@code
 * AuditEngine engine = new AuditEngine(ctx, baselines);
 * engine.run(null, groups, options, prober -> chaosPhase, null).onSuccess(outcome -> ...);
 * }</pre>
 *
 * A probe failure is data (the member is UNREACHABLE); a group that cannot be discovered is
 * reported with its error; the audit itself only fails when baselines cannot be read or saved.
 *
 * <p>Why it is over 250 lines: {@link Options} documents every input of a run in one place and the
 * run's own state (cut-short plumbing, the groups done so far) lives in one inner class; what each
 * step does is in the classes named above.
 */
public final class AuditEngine {

    private static final Logger LOG = LoggerFactory.getLogger(AuditEngine.class);

    /**
     * @param chaos        run the chaos phase after the audit
     * @param leashed      whether chaos is a dry run (recorded as the scorecard's mode)
     * @param concurrency  probe calls in flight at once
     * @param loops        event loops the probe calls are spread over
     * @param probeTimeout deadline for one probe call
     * @param progress     called with (members probed, members discovered) as probing proceeds; may be null
     * @param previous     the previous run of the store, to tell missing members and expected sizes and what
     *                     changed since; null for none
     * @param policy       severities and waivers applied to the run's findings; null for the defaults
     */
    public record Options(boolean chaos, boolean leashed, int concurrency, int loops, Duration probeTimeout,
                          BiConsumer<Integer, Integer> progress, PreviousRun previous, FindingPolicy policy) {

        /** Probe calls started on the caller's event loop, with no previous run. */
        public Options(boolean chaos, boolean leashed, int concurrency, Duration probeTimeout, BiConsumer<Integer, Integer> progress) {
            this(chaos, leashed, concurrency, 1, probeTimeout, progress, null, null);
        }
    }

    private final ProviderContext ctx;
    private final Baselines baselines;
    private final Dispatch dispatch;

    public AuditEngine(ProviderContext ctx, Baselines baselines) {
        this(ctx, baselines, null);
    }

    /** @param dispatch where discovered members are probed (a cluster's nodes); null: here */
    public AuditEngine(ProviderContext ctx, Baselines baselines, Dispatch dispatch) {
        this.ctx = ctx;
        this.baselines = baselines;
        this.dispatch = dispatch;
    }

    /** Runs one audit with a fresh run id that cannot be cut short. */
    public Future<AuditOutcome> run(List<GroupRuntime> groups, Options options, Function<MemberProber, ChaosPhase> chaos) {
        return run(null, groups, options, chaos, null);
    }

    /**
     * Runs one audit that can be cut short.
     *
     * <pre>{@code
     * Promise<Void> cut = Promise.promise();
     * engine.run("20260101T100000000Z-ab12", groups, options, chaos, cut.future());
     * cut.complete();   // e.g. at a shutdown deadline: the outcome comes at once, marked incomplete
     * }</pre>
     *
     * @param runId the run's id, or null for a fresh one
     * @param chaos builds the chaos phase for this run's prober (not called when {@code options.chaos()} is false)
     * @param cut   when it completes before the run ends, no further chaos experiment starts and the
     *              outcome is built at once from the groups and experiments that finished, with
     *              {@code complete: false}; null when the run cannot be cut
     */
    public Future<AuditOutcome> run(String runId, List<GroupRuntime> groups, Options options,
                                    Function<MemberProber, ChaosPhase> chaos, Future<Void> cut) {
        Instant started = ctx.clock().instant();
        String id = runId != null ? runId : RunId.next(started, ctx.random("run-id:" + started));
        return EventLoops.of(ctx, options.loops()).compose(loops -> {
            Run run = new Run(id, started, groups, options, new Prober(InFlightLimiter.spread(options.concurrency(), loops),
                    options.probeTimeout(), new Progress(options.progress()), dispatch));
            return run.execute(chaos, cut);
        });
    }

    /** One run's state: its groups' audits as they finish, the chaos phase once it starts, and what went wrong. */
    private final class Run {
        final String id;
        final Instant started;
        final List<GroupRuntime> groups;
        final Options options;
        final Prober prober;
        final List<String> unreachable = new ArrayList<>();
        final List<ConfigException> configErrors = new ArrayList<>();
        final AtomicReference<ChaosPhase> chaos = new AtomicReference<>();
        final List<Future<GroupAudit>> audits = new ArrayList<>();

        Run(String id, Instant started, List<GroupRuntime> groups, Options options, Prober prober) {
            this.id = id;
            this.started = started;
            this.groups = groups;
            this.options = options;
            this.prober = prober;
        }

        Future<AuditOutcome> execute(Function<MemberProber, ChaosPhase> chaosPhase, Future<Void> cut) {
            for (GroupRuntime g : groups) {
                audits.add(auditGroup(g));
            }
            Future<AuditOutcome> work = Future.all(audits)
                    .map(all -> audits.stream().map(Future::result).toList())
                    .compose(done -> {
                        if (!options.chaos()) {
                            return Future.succeededFuture(outcome(done, List.of(), true));
                        }
                        ChaosPhase phase = chaosPhase.apply(prober);
                        chaos.set(phase);
                        if (cut != null && cut.isComplete()) {
                            phase.stop("the run was cut short");
                        }
                        return phase.run(done).map(results -> outcome(done, results, true));
                    });
            if (cut == null) {
                return work;
            }
            Promise<AuditOutcome> outcome = Promise.promise();
            work.onComplete(ar -> {
                if (ar.succeeded()) {
                    outcome.tryComplete(ar.result());
                } else {
                    outcome.tryFail(ar.cause());
                }
            });
            cut.onComplete(x -> {
                if (!outcome.future().isComplete()) {
                    outcome.tryComplete(cutShort());
                }
            });
            return outcome.future();
        }

        /** What a run cut short reports: the groups audited so far and the experiments recorded so far. */
        private AuditOutcome cutShort() {
            ChaosPhase phase = chaos.get();
            if (phase != null) {
                phase.stop("the run was cut short");
            }
            List<GroupAudit> partial = new ArrayList<>();
            for (int i = 0; i < groups.size(); i++) {
                Future<GroupAudit> a = audits.get(i);
                partial.add(a.succeeded() ? a.result() : new GroupAudit(groups.get(i),
                        "cut short: the run was stopped before this group was audited"));
            }
            List<ChaosResult> results = phase == null ? List.of() : phase.resultsSoFar();
            LOG.warn("run {} cut short: {} of {} groups audited, {} chaos experiments recorded", id,
                    partial.stream().filter(a -> a.judgement() != null).count(), groups.size(), results.size());
            return outcome(partial, results, false);
        }

        private Future<GroupAudit> auditGroup(GroupRuntime g) {
            return prober.observeGroup(g).transform(ar -> {
                if (ar.failed()) {
                    Throwable e = ar.cause();
                    synchronized (this) {
                        if (e instanceof Fleet.UnreachableException) {
                            unreachable.add(g.name());
                        } else if (e instanceof ConfigException ce) {
                            configErrors.add(ce);
                        }
                    }
                    String error = Errors.message(e);
                    // reported in the scorecard and by the CLI; at WARN it would print the same line twice
                    LOG.info("group {}: discovery failed: {}", g.name(), error);
                    return Future.succeededFuture(new GroupAudit(g, error));
                }
                List<Observed> observed = ar.result();
                ExpectedSize expected = Membership.expected(g, options.previous());
                List<MemberResult> missing = Membership.missing(g, observed, expected, options.previous());
                if (observed.isEmpty() && missing.isEmpty()) {
                    // nothing to audit is a finding: a selector that matches nothing (a mistyped tag, a group scaled
                    // to zero) must not pass a CI gate as a clean fleet
                    return Future.succeededFuture(new GroupAudit(g,
                            "no members matched the source (check its names, tags or labels)"));
                }
                long judgeStart = System.nanoTime();
                java.util.Set<String> target = g.fleet().targetProvenances();
                return baselines.update(g.name(), b -> new Judged(DriftJudge.judgeTargets(g.name(), observed, target, b,
                                ctx.clock().instant()), b))
                        .map(judged -> {
                            LOG.debug("group {}: judged and saved in {} ms", g.name(), (System.nanoTime() - judgeStart) / 1_000_000);
                            return new GroupAudit(g, observed, judged.judgement(), judged.baselines(), null, expected, missing);
                        });
            });
        }

        private AuditOutcome outcome(List<GroupAudit> done, List<ChaosResult> results, boolean complete) {
            List<GroupOutcome> outcomes = new ArrayList<>();
            for (GroupAudit a : done) {
                outcomes.add(a.judgement() == null ? GroupOutcome.failed(a.name(), a.runtime().fleet().provider(), a.error())
                        : new GroupOutcome(a.name(), a.runtime().fleet().provider(), mutability(a), a.members(),
                        a.judgement().rollouts(), null, a.expected(), a.runtime().fleet().unaudited().stream()
                                .map(u -> new dev.phoenix.report.UnauditedPart(u.account(), u.region(), u.code(), u.message()))
                                .toList()));
            }
            FindingPolicy policy = options.policy() != null ? options.policy()
                    : FindingPolicy.none(java.time.LocalDate.ofInstant(ctx.clock().instant(), java.time.ZoneOffset.UTC));
            Scorecard card = ScorecardAssembler.assemble(new ScorecardAssembler.Run(id, started, ctx.clock().instant(),
                    options.leashed() ? "leashed" : "unleashed", complete, ctx.seed()), outcomes, results, policy,
                    options.previous() == null ? null : options.previous().scorecard());
            synchronized (this) {
                return new AuditOutcome(card, unreachable, configErrors);
            }
        }
    }

    /** A group's judgement and the baselines it was saved with. */
    private record Judged(GroupJudgement judgement, dev.phoenix.baseline.GroupBaselines baselines) {
    }

    private static String mutability(GroupAudit a) {
        boolean mutable = a.observed().stream().anyMatch(o -> o.member().mutability() == Mutability.MUTABLE);
        boolean immutable = a.observed().stream().anyMatch(o -> o.member().mutability() == Mutability.IMMUTABLE);
        return mutable && immutable ? "mixed" : mutable ? "mutable" : immutable ? "immutable" : null;
    }
}
