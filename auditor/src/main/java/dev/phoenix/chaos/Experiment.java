package dev.phoenix.chaos;

import dev.phoenix.audit.GroupAudit;
import dev.phoenix.model.Drift;
import dev.phoenix.model.Fingerprint;
import dev.phoenix.model.Member;
import dev.phoenix.observe.MemberProber;
import dev.phoenix.observe.Observed;
import dev.phoenix.report.ChaosResult;
import dev.phoenix.report.ChaosVerdict;
import dev.phoenix.report.MemberStatus;
import dev.phoenix.spi.Errors;
import dev.phoenix.spi.Poll;
import dev.phoenix.spi.ProviderContext;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One experiment's lifecycle, once the guards let a victim through: claim the termination in the
 * ledger, check the kill switch and the run's halt once more, replace the victim, wait until the
 * replacement answers its probes, and have it judged ({@link ReplacementJudge}). Every way it can
 * end is a {@link ChaosResult}; nothing is terminated unless the claim was recorded.
 *
 * <pre>{@code
 * experiments.run(audit, victim, MemberStatus.CONSISTENT, state).onSuccess(result -> ...);
 * experiments.inFlight()   // Optional[the experiment whose replacement is awaited], for a run cut short
 * }</pre>
 */
final class Experiment {

    private static final Logger LOG = LoggerFactory.getLogger(Experiment.class);

    /** An experiment whose termination was requested and whose outcome is not known yet. */
    record InFlight(String group, String victim, Instant since) {
    }

    private final ProviderContext ctx;
    private final ChaosSettings settings;
    private final ChaosExecutor executor;
    private final ChaosLedger ledger;
    private final GuardChain guards;
    private final MemberProber prober;
    private final ReplacementJudge judge;
    private volatile InFlight inFlight;
    /** The replacement of each victim, for {@code chaos.verify: twice}. */
    private final java.util.Map<String, Member> replacements = new java.util.concurrent.ConcurrentHashMap<>();

    Experiment(ProviderContext ctx, ChaosSettings settings, ChaosExecutor executor, ChaosLedger ledger, GuardChain guards,
               MemberProber prober, ReplacementJudge judge) {
        this.ctx = ctx;
        this.settings = settings;
        this.executor = executor;
        this.ledger = ledger;
        this.guards = guards;
        this.prober = prober;
        this.judge = judge;
    }

    /** The experiment whose replacement is awaited, if any. */
    java.util.Optional<InFlight> inFlight() {
        return java.util.Optional.ofNullable(inFlight);
    }

    Future<ChaosResult> run(GroupAudit audit, Observed victim, MemberStatus victimStatus, ChaosState state) {
        String group = audit.name();
        Member m = victim.member();
        Instant start = ctx.clock().instant();
        return ledger.claim(group, m.id(), start, settings.minInterval()).transform(recorded -> {
            if (recorded.failed()) {
                return Future.succeededFuture(ChaosResult.skipped(group, m.id(), "ledger", "not injecting: ledger: cannot record the "
                        + "termination in the chaos ledger (" + recorded.cause().getMessage() + ")"));
            }
            if (recorded.result().isPresent()) {
                return Future.succeededFuture(ChaosResult.skipped(group, m.id(), "min-interval", "not injecting: min-interval: "
                        + recorded.result().get()));
            }
            state.terminated(group, start);
            // Recording can take a network round trip: a stop or the kill switch may have come meanwhile.
            return guards.lastMoment(state).compose(block -> {
                if (block.isPresent()) {
                    LOG.warn("chaos: not replacing {} in group {}: {}: {}", m.id(), group, block.get().guard(), block.get().reason());
                    return Future.succeededFuture(ChaosResult.skipped(group, m.id(), block.get().guard(), block.get().describe()
                            + " (engaged while the termination was being recorded)"));
                }
                LOG.info("chaos: replacing {} in group {}", m.id(), group);
                inFlight = new InFlight(group, m.id(), start);
                return replace(audit, victim, victimStatus, start, state).onComplete(x -> inFlight = null);
            });
        });
    }

    private Future<ChaosResult> replace(GroupAudit audit, Observed victim, MemberStatus victimStatus, Instant start, ChaosState state) {
        long watch = watchStopConditions(victim.member(), state);
        return replaceAndJudge(audit, victim, victimStatus, start)
                .compose(result -> settings.verifyTwice() ? again(audit, result, state) : Future.succeededFuture(result))
                .onComplete(x -> ctx.vertx().cancelTimer(watch));
    }

    /**
     * While a replacement is awaited, evaluates the stop conditions every {@code chaos.watch-interval}:
     * one that trips halts the run's further experiments (the termination under way cannot be undone).
     */
    private long watchStopConditions(Member victim, ChaosState state) {
        return ctx.vertx().setPeriodic(settings.watchInterval().toMillis(), id -> guards.stopConditions().onSuccess(stop -> stop
                .ifPresent(why -> {
                    if (state.halt().isEmpty()) {
                        LOG.warn("chaos: stop condition tripped while {} was being replaced: {}", victim.id(), why);
                        state.halt("stop-condition: " + why + " (while " + victim.id() + " was being replaced)");
                    }
                })));
    }

    private Future<ChaosResult> replaceAndJudge(GroupAudit audit, Observed victim, MemberStatus victimStatus, Instant start) {
        String group = audit.name();
        Member m = victim.member();
        Duration timeout = settings.replaceTimeout();
        long deadline = start.toEpochMilli() + timeout.toMillis();
        return executor.replace(audit.runtime().fleet(), m, timeout)
                .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .transform(ar -> {
                    if (ar.failed()) {
                        Throwable e = ar.cause();
                        if (e instanceof java.util.concurrent.TimeoutException) {
                            return Future.succeededFuture(result(group, m.id(), null, ChaosVerdict.TIMED_OUT,
                                    "no replacement for " + m.id() + " was in service within " + timeout, start, null, null, List.of(), null));
                        }
                        return Future.succeededFuture(result(group, m.id(), null, ChaosVerdict.REPLACEMENT_FAILED,
                                "replacing " + m.id() + " failed: " + Errors.message(e), start, null, null, List.of(), null));
                    }
                    Member replacement = ar.result();
                    replacements.put(m.id(), replacement);
                    Instant inService = ctx.clock().instant();
                    return awaitAnswer(audit, replacement, deadline)
                            .compose(first -> judge.judge(new ReplacementJudge.Case(audit, victim, victimStatus, replacement, first, start,
                                            inService, deadline)),
                                    e -> Future.succeededFuture(result(group, m.id(), replacement.id(), ChaosVerdict.TIMED_OUT,
                                            "replacement " + replacement.id() + " did not answer its probes within " + timeout
                                                    + ": " + Errors.message(e), start, inService, null, List.of(), null)));
                });
    }

    /**
     * {@code chaos.verify: twice}: replaces the judged replacement once more and compares the two
     * replacements. Facts in which they differ make the experiment NONDETERMINISTIC (the diff is
     * first replacement vs second); a second replacement that cannot be made is REPLACEMENT_FAILED,
     * which halts the run as any failed replacement does. The last-moment guards (kill switch, stop
     * conditions, the run's halt) run again before the second termination.
     */
    private Future<ChaosResult> again(GroupAudit audit, ChaosResult first, ChaosState state) {
        Member replacement = first.replacement() == null ? null : replacements.get(first.victim());
        Fingerprint reference = judge.judged(first.victim());
        if (replacement == null || reference == null
                || (first.verdict() != ChaosVerdict.REPRODUCED && first.verdict() != ChaosVerdict.DIVERGED)) {
            return Future.succeededFuture(first); // nothing was compared: nothing to compare a second replacement with
        }
        return guards.lastMoment(state).compose(block -> {
            if (block.isPresent()) {
                return Future.succeededFuture(with(first, first.verdict(), first.reason() + "; not replaced a second time: "
                        + block.get().describe(), first.diff()));
            }
            Duration timeout = settings.replaceTimeout();
            long deadline = ctx.clock().millis() + timeout.toMillis();
            LOG.info("chaos: verify twice: replacing {} (the replacement of {}) in group {}", replacement.id(), first.victim(), audit.name());
            return executor.replace(audit.runtime().fleet(), replacement, timeout)
                    .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .compose(second -> awaitAnswer(audit, second, deadline).map(obs -> {
                        List<Drift> diff = reference.diff(obs.fingerprint());
                        if (diff.isEmpty()) {
                            return with(first, first.verdict(), first.reason() + "; a second replacement, " + second.id()
                                    + ", matches the first: the boot is deterministic", first.diff());
                        }
                        String facts = diff.stream().map(Drift::fact).limit(8).collect(java.util.stream.Collectors.joining(", "));
                        return with(first, ChaosVerdict.NONDETERMINISTIC, "two replacements built from " + replacement.provenance()
                                + " differ from each other (" + replacement.id() + " and " + second.id() + ") in " + facts
                                + ": the boot is not deterministic", diff);
                    }))
                    .recover(e -> Future.succeededFuture(with(first, ChaosVerdict.REPLACEMENT_FAILED, "verify twice: replacing "
                            + replacement.id() + " (the replacement of " + first.victim() + ", " + first.verdict() + ") failed: "
                            + Errors.message(e), List.of())));
        });
    }

    private static ChaosResult with(ChaosResult r, ChaosVerdict verdict, String reason, List<Drift> diff) {
        return new ChaosResult(r.group(), r.victim(), r.replacement(), verdict, reason, r.guard(), r.timeToReplaceMs(), r.timeToMatchMs(),
                diff, r.replacementMatchesGolden());
    }

    /** Probes the replacement until every probe answers, with backoff, until the deadline. */
    private Future<Observed> awaitAnswer(GroupAudit audit, Member replacement, long deadline) {
        return Poll.until(ctx, deadline, Duration.ofMillis(ReplacementJudge.FIRST_RETRY_MS), Duration.ofMillis(ReplacementJudge.MAX_RETRY_MS),
                        () -> prober.probe(audit.runtime(), replacement).map(obs -> obs.reachable() ? Poll.done(obs)
                                : Poll.<Observed>pending(obs.errors().isEmpty() ? "no answer" : obs.errors().get(0).cause())))
                .recover(Poll.expired(last -> last));
    }

    static ChaosResult result(String group, String victim, String replacement, ChaosVerdict verdict, String reason,
                              Instant start, Instant inService, Instant matched, List<Drift> diff, Boolean matchesGolden) {
        Long ttr = inService == null ? null : Duration.between(start, inService).toMillis();
        Long ttm = matched == null ? null : Duration.between(start, matched).toMillis();
        return new ChaosResult(group, victim, replacement, verdict, reason, ttr, ttm, diff, matchesGolden);
    }
}
