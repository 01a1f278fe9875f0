package dev.phoenix.audit;

import dev.phoenix.baseline.BaselineStore;
import dev.phoenix.baseline.GroupBaselines;
import dev.phoenix.chaos.ChaosRun;
import dev.phoenix.drift.DriftJudge;
import dev.phoenix.drift.GroupJudgement;
import dev.phoenix.fleet.Fleet;
import dev.phoenix.model.Fact;
import dev.phoenix.model.Fingerprint;
import dev.phoenix.model.Member;
import dev.phoenix.model.Mutability;
import dev.phoenix.model.Observation;
import dev.phoenix.model.ProbeError;
import dev.phoenix.probe.InFlightLimiter;
import dev.phoenix.probe.Probe;
import dev.phoenix.report.ChaosResult;
import dev.phoenix.report.GroupSummary;
import dev.phoenix.report.MemberResult;
import dev.phoenix.report.MemberStatus;
import dev.phoenix.report.Rollout;
import dev.phoenix.report.Score;
import dev.phoenix.report.Scorecard;
import dev.phoenix.score.Scoring;
import dev.phoenix.spi.ConfigException;
import dev.phoenix.spi.Errors;
import dev.phoenix.spi.ProviderContext;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One audit: discover every group, probe every member concurrently (bounded, timed),
 * fingerprint, compare with baselines, run chaos when asked, and build the scorecard.
 *
 * <pre>{@code
 * AuditEngine engine = new AuditEngine(ctx, baselineStore);
 * engine.run(groups, options, chaos -> new ChaosRun(...)).onSuccess(outcome -> ...);
 * }</pre>
 *
 * A probe failure is data (the member is UNREACHABLE); a group that cannot be discovered is
 * reported with its error; the audit itself only fails when baselines cannot be read or saved.
 */
public final class AuditEngine {

    private static final Logger LOG = LoggerFactory.getLogger(AuditEngine.class);
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

    /**
     * @param chaos       run the chaos phase after the audit
     * @param concurrency probe calls in flight at once
     * @param loops       event loops the probe calls are spread over
     * @param probeTimeout deadline for one probe call
     * @param leashed     whether chaos is a dry run (recorded as the scorecard's mode)
     * @param progress    called with (members probed, members discovered) as probing proceeds; may be null
     */
    public record Options(boolean chaos, boolean leashed, int concurrency, int loops, Duration probeTimeout,
                          java.util.function.BiConsumer<Integer, Integer> progress) {

        /** Probe calls started on the caller's event loop. */
        public Options(boolean chaos, boolean leashed, int concurrency, Duration probeTimeout,
                       java.util.function.BiConsumer<Integer, Integer> progress) {
            this(chaos, leashed, concurrency, 1, probeTimeout, progress);
        }
    }

    /**
     * The scorecard plus what the CLI needs for its exit code.
     *
     * @param unreachable   groups whose provider could not be reached at all
     * @param configErrors  groups whose discovery failed because of their configuration
     */
    public record Outcome(Scorecard scorecard, List<String> unreachable, List<ConfigException> configErrors) {
    }

    private final ProviderContext ctx;
    private final BaselineStore baselines;

    public AuditEngine(ProviderContext ctx, BaselineStore baselines) {
        this.ctx = ctx;
        this.baselines = baselines;
    }

    /**
     * Runs one audit.
     *
     * @param chaosRun builds the chaos phase for this run's prober (ignored when {@code options.chaos()} is false)
     */
    public Future<Outcome> run(List<GroupRuntime> groups, Options options, Function<MemberProber, ChaosRun> chaosRun) {
        return run(null, groups, options, chaosRun, null);
    }

    /**
     * Runs one audit that can be cut short.
     *
     * <pre>{@code
     * Promise<Void> cut = Promise.promise();
     * engine.run("20260101T100000Z-ab12", groups, options, chaos, cut.future());
     * cut.complete();   // e.g. at a shutdown deadline: the outcome comes at once, marked incomplete
     * }</pre>
     *
     * @param runId the run's id, or null for a fresh one
     * @param cut   when it completes before the run ends, no further chaos experiment starts and the
     *              outcome is built at once from the groups and experiments that finished, with
     *              {@code complete: false}; null when the run cannot be cut
     */
    public Future<Outcome> run(String runId, List<GroupRuntime> groups, Options options, Function<MemberProber, ChaosRun> chaosRun,
                               Future<Void> cut) {
        Instant started = ctx.clock().instant();
        String id = runId != null ? runId : newRunId(started, ctx.random("run-id:" + started));
        InFlightLimiter limiter = InFlightLimiter.spread(ctx.vertx(), options.concurrency(), options.loops());
        Progress progress = new Progress(options.progress());
        MemberProber prober = (group, member) -> probeMember(group, member, limiter, options.probeTimeout(), null);
        List<String> unreachable = new ArrayList<>();
        List<ConfigException> configErrors = new ArrayList<>();
        java.util.concurrent.atomic.AtomicReference<ChaosRun> chaos = new java.util.concurrent.atomic.AtomicReference<>();

        List<Future<GroupAudit>> audits = new ArrayList<>();
        for (GroupRuntime g : groups) {
            audits.add(auditGroup(g, limiter, options.probeTimeout(), progress, unreachable, configErrors));
        }
        Future<Done> work = Future.all(audits)
                .map(all -> audits.stream().map(Future::result).toList())
                .compose(done -> {
                    if (!options.chaos()) {
                        return Future.succeededFuture(new Done(done, List.<ChaosResult>of()));
                    }
                    ChaosRun run = chaosRun.apply(prober);
                    chaos.set(run);
                    if (cut != null && cut.isComplete()) {
                        run.stop("the run was cut short");
                    }
                    return run.run(done).map(results -> new Done(done, results));
                });
        if (cut == null) {
            return work.map(done -> outcome(id, started, done, options, true, unreachable, configErrors));
        }
        io.vertx.core.Promise<Outcome> outcome = io.vertx.core.Promise.promise();
        work.onComplete(ar -> {
            if (ar.succeeded()) {
                outcome.tryComplete(outcome(id, started, ar.result(), options, true, unreachable, configErrors));
            } else {
                outcome.tryFail(ar.cause());
            }
        });
        cut.onComplete(x -> {
            if (outcome.future().isComplete()) {
                return;
            }
            ChaosRun run = chaos.get();
            if (run != null) {
                run.stop("the run was cut short");
            }
            List<GroupAudit> partial = new ArrayList<>();
            for (int i = 0; i < groups.size(); i++) {
                Future<GroupAudit> a = audits.get(i);
                partial.add(a.succeeded() ? a.result() : new GroupAudit(groups.get(i), List.of(), null, null,
                        "cut short: the run was stopped before this group was audited"));
            }
            List<ChaosResult> results = run == null ? List.of() : run.resultsSoFar();
            LOG.warn("run {} cut short: {} of {} groups audited, {} chaos experiments recorded", id,
                    partial.stream().filter(a -> a.judgement() != null).count(), groups.size(), results.size());
            outcome.tryComplete(outcome(id, started, new Done(partial, results), options, false, unreachable, configErrors));
        });
        return outcome.future();
    }

    /**
     * A fresh run id: the start time (UTC, to the millisecond, so that ids sort as runs started)
     * and 16 random bits, e.g. {@code 20260101T101500123Z-3fa2}.
     */
    public static String newRunId(Instant started, java.util.Random random) {
        return RUN_ID.format(started) + "-" + HexFormat.of().toHexDigits((short) random.nextInt());
    }

    private Outcome outcome(String runId, Instant started, Done done, Options options, boolean complete, List<String> unreachable,
                            List<ConfigException> configErrors) {
        synchronized (unreachable) {
            return new Outcome(scorecard(runId, started, done, options, complete), List.copyOf(unreachable), List.copyOf(configErrors));
        }
    }

    private record Done(List<GroupAudit> audits, List<ChaosResult> chaos) {
    }

    private Future<GroupAudit> auditGroup(GroupRuntime g, InFlightLimiter limiter, Duration timeout, Progress progress,
                                          List<String> unreachable, List<ConfigException> configErrors) {
        return observeGroup(g, limiter, timeout, progress).transform(ar -> {
            if (ar.failed()) {
                Throwable e = ar.cause();
                synchronized (unreachable) {
                    if (e instanceof Fleet.UnreachableException) {
                        unreachable.add(g.name());
                    } else if (e instanceof ConfigException ce) {
                        configErrors.add(ce);
                    }
                }
                String error = Errors.message(e);
                // reported in the scorecard and by the CLI; at WARN it would print the same line twice
                LOG.info("group {}: discovery failed: {}", g.name(), error);
                return Future.succeededFuture(new GroupAudit(g, List.of(), null, null, error));
            }
            List<Observed> observed = ar.result();
            if (observed.isEmpty()) {
                // nothing to audit is a finding: a selector that matches nothing (a mistyped tag, a group scaled
                // to zero) must not pass a CI gate as a clean fleet
                return Future.succeededFuture(new GroupAudit(g, List.of(), null, null,
                        "no members matched the source (check its names, tags or labels)"));
            }
            long loadStart = System.nanoTime();
            return baselines.load(g.name()).compose(b -> {
                long judgeStart = System.nanoTime();
                GroupJudgement judgement = DriftJudge.judge(g.name(), observed, g.fleet().targetProvenance().orElse(null), b,
                        ctx.clock().instant());
                long saveStart = System.nanoTime();
                return baselines.save(b).map(v -> {
                    LOG.debug("group {}: baselines loaded in {} ms, judged in {} ms, saved in {} ms", g.name(),
                            (judgeStart - loadStart) / 1_000_000, (saveStart - judgeStart) / 1_000_000,
                            (System.nanoTime() - saveStart) / 1_000_000);
                    return new GroupAudit(g, observed, judgement, b, null);
                });
            });
        });
    }

    /**
     * Discovers a group and probes every member; fails only when discovery fails.
     * Used by the audit and by {@code phoenix baseline}.
     */
    public Future<List<Observed>> observeGroup(GroupRuntime g, int concurrency, Duration timeout) {
        return observeGroup(g, new InFlightLimiter(concurrency), timeout, new Progress(null));
    }

    private Future<List<Observed>> observeGroup(GroupRuntime g, InFlightLimiter limiter, Duration timeout, Progress progress) {
        long start = System.nanoTime();
        return safe(() -> g.fleet().discover()).compose(members -> {
            long probeStart = System.nanoTime();
            LOG.debug("group {}: discovered {} members in {} ms", g.name(), members.size(), (probeStart - start) / 1_000_000);
            progress.discovered(members.size());
            Map<String, Fingerprint> interned = new ConcurrentHashMap<>();
            List<Future<Observed>> probed = new ArrayList<>(members.size());
            for (Member m : members) {
                probed.add(probeMember(g, m, limiter, timeout, interned).onComplete(x -> progress.probed()));
            }
            return Future.all(probed).map(x -> {
                LOG.debug("group {}: probed {} members in {} ms", g.name(), members.size(), (System.nanoTime() - probeStart) / 1_000_000);
                return probed.stream().map(Future::result).toList();
            });
        });
    }

    /** Runs every probe of {@code g} against {@code m}; never fails. */
    Future<Observed> probeMember(GroupRuntime g, Member m, InFlightLimiter limiter, Duration timeout,
                                 Map<String, Fingerprint> interned) {
        List<Future<Observation>> observations = new ArrayList<>(g.probes().size());
        for (Probe p : g.probes()) {
            observations.add(limiter.submit(() -> observe(p, m, timeout)));
        }
        // A promise of our own rather than a transformation of the join: the futures kept for the
        // whole audit must not hold on to the observations (every member's raw facts) once the
        // fingerprint is built, or a large fleet's facts all stay on the heap until the end.
        Promise<Observed> observed = Promise.promise();
        Future.join(observations).onComplete(x -> {
            List<Fact> facts = new ArrayList<>();
            List<ProbeError> errors = new ArrayList<>();
            for (Future<Observation> f : observations) {
                Observation o = f.result();
                if (o.succeeded()) {
                    for (Fact fact : o.facts()) {
                        if (!fact.identity() && !g.ignore().matches(fact.key()) && !g.identity().matches(fact.key())) {
                            facts.add(fact);
                        }
                    }
                } else {
                    errors.add(o.error());
                }
            }
            Fingerprint fp = null;
            if (errors.isEmpty()) {
                fp = Fingerprint.of(facts);
                if (interned != null) {
                    // members built from one image share one fingerprint object
                    Fingerprint prior = interned.putIfAbsent(fp.digest(), fp);
                    fp = prior != null ? prior : fp;
                }
            }
            observed.complete(new Observed(m, fp, errors));
        });
        return observed.future();
    }

    /** One probe call, cut at {@code probing.timeout} or at the probe's own deadline when that is longer. */
    private Future<Observation> observe(Probe p, Member m, Duration timeout) {
        Duration limit = p.deadline().filter(d -> d.compareTo(timeout) > 0).orElse(timeout);
        return safe(() -> p.observe(m))
                .timeout(limit.toMillis(), TimeUnit.MILLISECONDS)
                .otherwise(e -> e instanceof java.util.concurrent.TimeoutException
                        ? Observation.failed(p.name(), "no answer within " + limit.toMillis() + " ms")
                        : Observation.failed(p.name(), Errors.message(e)));
    }

    private Scorecard scorecard(String runId, Instant started, Done done, Options options, boolean complete) {
        List<MemberResult> members = new ArrayList<>();
        List<Rollout> rollouts = new ArrayList<>();
        List<GroupSummary> groups = new ArrayList<>();
        int discovered = 0;
        for (GroupAudit a : done.audits()) {
            List<ChaosResult> groupChaos = done.chaos().stream().filter(c -> c.group().equals(a.name())).toList();
            if (a.judgement() == null) {
                groups.add(new GroupSummary(a.name(), a.runtime().fleet().provider(), null, 0,
                        Scoring.score(List.of(), groupChaos, 1, 0), Map.of(), a.error()));
                continue;
            }
            discovered++;
            List<MemberResult> results = a.judgement().results();
            members.addAll(results);
            rollouts.addAll(a.judgement().rollouts());
            Map<MemberStatus, Integer> statuses = new EnumMap<>(MemberStatus.class);
            results.forEach(r -> statuses.merge(r.status(), 1, Integer::sum));
            groups.add(new GroupSummary(a.name(), a.runtime().fleet().provider(), mutability(a), results.size(),
                    Scoring.score(results, groupChaos, 1, 1), statuses, null));
        }
        Score score = Scoring.score(members, done.chaos(), done.audits().size(), discovered);
        return new Scorecard(Scorecard.SCHEMA_VERSION, runId, started, ctx.clock().instant(),
                options.leashed() ? "leashed" : "unleashed", score, groups, members, done.chaos(), rollouts, complete, ctx.seed());
    }

    private static String mutability(GroupAudit a) {
        boolean mutable = a.observed().stream().anyMatch(o -> o.member().mutability() == Mutability.MUTABLE);
        boolean immutable = a.observed().stream().anyMatch(o -> o.member().mutability() == Mutability.IMMUTABLE);
        return mutable && immutable ? "mixed" : mutable ? "mutable" : immutable ? "immutable" : null;
    }

    private static <T> Future<T> safe(java.util.function.Supplier<Future<T>> call) {
        try {
            Future<T> f = call.get();
            return f == null ? Future.failedFuture("returned no result") : f;
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    /** Counts probed members for the progress callback. */
    private static final class Progress {
        private final java.util.function.BiConsumer<Integer, Integer> sink;
        private final java.util.concurrent.atomic.AtomicInteger discovered = new java.util.concurrent.atomic.AtomicInteger();
        private final java.util.concurrent.atomic.AtomicInteger probed = new java.util.concurrent.atomic.AtomicInteger();

        Progress(java.util.function.BiConsumer<Integer, Integer> sink) {
            this.sink = sink;
        }

        void discovered(int n) {
            discovered.addAndGet(n);
        }

        void probed() {
            int p = probed.incrementAndGet();
            if (sink != null) {
                sink.accept(p, discovered.get());
            }
        }
    }
}
