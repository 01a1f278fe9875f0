package dev.phoenix.chaos;

import dev.phoenix.audit.GroupAudit;
import dev.phoenix.audit.MemberProber;
import dev.phoenix.audit.Observed;
import dev.phoenix.baseline.BaselineStore;
import dev.phoenix.model.Change;
import dev.phoenix.model.Drift;
import dev.phoenix.model.Fingerprint;
import dev.phoenix.model.Member;
import dev.phoenix.model.Mutability;
import dev.phoenix.report.ChaosResult;
import dev.phoenix.report.ChaosVerdict;
import dev.phoenix.report.MemberResult;
import dev.phoenix.report.MemberStatus;
import dev.phoenix.spi.Errors;
import dev.phoenix.spi.Poll;
import dev.phoenix.spi.ProviderContext;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chaos phase of one run: draws victims among opted-in members, passes each through the
 * guard chain, replaces it, waits for the replacement to answer, probes it and judges it.
 * Experiments run one at a time; a failed replacement stops the rest of the run.
 *
 * <p>The engine builds it once the audit is done, with the prober of its run (as {@code AuditRun} does):
 *
 * <pre>{@code
 * ChaosExecutor executor = unleash && config.chaos().enabled() ? ChaosExecutor.unleashed() : ChaosExecutor.leashed();
 * engine.run(groups, options, prober ->
 *         new ChaosRun(ctx, config.chaos(), executor, ledger, killSwitch, Guards.standard(), prober, baselines));
 * }</pre>
 *
 * {@link #stop} (a shutdown cut) lets no further termination start; {@link #resultsSoFar} is what
 * a run cut short reports.
 */
public final class ChaosRun {

    private static final Logger LOG = LoggerFactory.getLogger(ChaosRun.class);
    private static final long FIRST_RETRY_MS = 200;
    private static final long MAX_RETRY_MS = 5_000;

    private final ProviderContext ctx;
    private final ChaosSettings settings;
    private final ChaosExecutor executor;
    private final ChaosLedger ledger;
    private final KillSwitch killSwitch;
    private final List<Guard> guards;
    private final MemberProber prober;
    private final BaselineStore baselines;
    private final java.util.Random random;
    private final boolean unleashed;

    private final List<ChaosResult> results = new ArrayList<>();
    private final Map<String, Integer> victims = new HashMap<>();
    private Map<String, Instant> lastTerminations;
    private volatile Optional<String> halt = Optional.empty();
    private volatile InFlight inFlight;

    /** An experiment whose termination was requested and whose outcome is not known yet. */
    private record InFlight(String group, String victim, Instant since) {
    }

    /**
     * A run that is unleashed exactly when {@code executor} is not the leashed twin
     * ({@link ChaosExecutor#dryRun()}): the {@code unleashed} guard blocks every termination otherwise.
     */
    public ChaosRun(ProviderContext ctx, ChaosSettings settings, ChaosExecutor executor, ChaosLedger ledger,
                    KillSwitch killSwitch, List<Guard> guards, MemberProber prober, BaselineStore baselines) {
        this.unleashed = !executor.dryRun();
        this.ctx = ctx;
        this.settings = settings;
        this.executor = executor;
        this.ledger = ledger;
        this.killSwitch = killSwitch;
        this.guards = List.copyOf(guards);
        this.prober = prober;
        this.baselines = baselines;
        this.random = ctx.random("chaos");
    }

    public Future<List<ChaosResult>> run(List<GroupAudit> audits) {
        return ledger.lastTerminations()
                .recover(e -> {
                    LOG.warn("chaos ledger unreadable, guards that need it will block: {}", e.getMessage());
                    return Future.succeededFuture(null);
                })
                .compose(last -> {
                    lastTerminations = last == null ? null : new HashMap<>(last);
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

    /**
     * Stops the remaining experiments: no termination starts after this call. One already
     * requested runs to its end, unless the caller stops waiting for it.
     */
    public void stop(String reason) {
        halt = Optional.of(reason);
    }

    /**
     * The experiments finished so far, plus one for an experiment still in flight (verdict
     * TIMED_OUT: its outcome was not waited for). What a run cut short reports.
     */
    public List<ChaosResult> resultsSoFar() {
        List<ChaosResult> out;
        synchronized (results) {
            out = new ArrayList<>(results);
        }
        InFlight f = inFlight;
        if (f != null) {
            out.add(new ChaosResult(f.group(), f.victim(), null, ChaosVerdict.TIMED_OUT,
                    "the run was cut short while " + f.victim() + " was being replaced; its outcome was not waited for"
                            + halt.map(r -> " (" + r + ")").orElse(""), null, null, List.of(), null));
        }
        return List.copyOf(out);
    }

    private void add(ChaosResult result) {
        synchronized (results) {
            results.add(result);
        }
    }

    private Future<Void> group(GroupAudit audit) {
        Map<String, MemberStatus> status = new HashMap<>();
        for (MemberResult r : audit.judgement().results()) {
            status.put(r.id(), r.status());
        }
        List<Observed> candidates = new ArrayList<>();
        boolean anyImmutable = false;
        for (Observed o : audit.observed()) {
            anyImmutable |= o.member().mutability() == Mutability.IMMUTABLE;
            if (Guards.optedIn(o.member(), settings)) {
                candidates.add(o);
            }
        }
        if (candidates.isEmpty()) {
            if (anyImmutable) {
                add(ChaosResult.skipped(audit.name(), null, "not injecting: opt-in: no member of group " + audit.name()
                        + " is opted in (tag " + settings.optInTag() + " or label " + settings.optInLabel() + " = opt-in)"));
            }
            return Future.succeededFuture();
        }
        Collections.shuffle(candidates, random);
        if (settings.target() == ChaosSettings.Target.MUTATED_FIRST) {
            candidates.sort(Comparator.comparing(o -> status.get(o.member().id()) != MemberStatus.MUTATED));
        }
        int inService = (int) audit.observed().stream().filter(Observed::reachable).count();
        int size = audit.observed().size();
        return next(audit, candidates, 0, status, size, inService);
    }

    private Future<Void> next(GroupAudit audit, List<Observed> candidates, int index, Map<String, MemberStatus> status,
                              int size, int inService) {
        int taken = victims.getOrDefault(audit.name(), 0);
        if (index >= candidates.size() || (taken > 0 && taken >= settings.maxPerGroup())) {
            return Future.succeededFuture(); // the group had its victims: stop quietly, not one skip per candidate
        }
        Observed o = candidates.get(index);
        Candidate candidate = new Candidate(audit.name(), o.member(), status.get(o.member().id()), size, inService);
        return killSwitch.check()
                .recover(e -> Future.succeededFuture(Optional.of("kill switch could not be checked: " + e.getMessage())))
                .compose(kill -> {
                    GuardContext gc = new GuardContext(settings, ctx.clock().instant(), lastTerminations, kill, victims, halt,
                            unleashed);
                    Optional<Block> block = evaluate(candidate, gc);
                    if (block.isPresent()) {
                        Block b = block.get();
                        add(ChaosResult.skipped(audit.name(), o.member().id(), "not injecting: " + b.guard + ": " + b.reason));
                        if (b.countsAsVictim) {
                            // e.g. a dry run: every other guard let it through, a would-be victim counted for max-per-group
                            victims.merge(audit.name(), 1, Integer::sum);
                        }
                        return b.groupWide ? Future.<Void>succeededFuture()
                                : next(audit, candidates, index + 1, status, size, inService);
                    }
                    victims.merge(audit.name(), 1, Integer::sum);
                    return inject(audit, o, candidate.status())
                            .compose(result -> {
                                add(result);
                                if (result.verdict() == ChaosVerdict.REPLACEMENT_FAILED || result.verdict() == ChaosVerdict.TIMED_OUT) {
                                    halt = Optional.of(result.verdict() + " for " + result.victim());
                                }
                                return next(audit, candidates, index + 1, status, size, inService);
                            });
                });
    }

    private record Block(String guard, boolean groupWide, boolean countsAsVictim, String reason) {
    }

    private Optional<Block> evaluate(Candidate candidate, GuardContext gc) {
        for (Guard guard : guards) {
            try {
                Optional<String> reason = guard.check(candidate, gc);
                if (reason.isPresent()) {
                    return Optional.of(new Block(guard.name(), guard.groupWide(), guard.countsAsVictim(), reason.get()));
                }
            } catch (Exception e) {
                return Optional.of(new Block(guard.name(), true, false, "guard could not be evaluated (" + e.getMessage() + ")"));
            }
        }
        return Optional.empty();
    }

    private Future<ChaosResult> inject(GroupAudit audit, Observed victim, MemberStatus victimStatus) {
        String group = audit.name();
        Member m = victim.member();
        Instant start = ctx.clock().instant();
        return ledger.claim(group, m.id(), start, settings.minInterval()).transform(recorded -> {
            if (recorded.failed()) {
                return Future.succeededFuture(ChaosResult.skipped(group, m.id(), "not injecting: ledger: cannot record the "
                        + "termination in the chaos ledger (" + recorded.cause().getMessage() + ")"));
            }
            if (recorded.result().isPresent()) {
                return Future.succeededFuture(ChaosResult.skipped(group, m.id(), "not injecting: min-interval: "
                        + recorded.result().get()));
            }
            if (lastTerminations != null) {
                lastTerminations.put(group, start);
            }
            // Recording can take a network round trip: a stop or the kill switch may have come meanwhile.
            return lastMomentBlock().compose(block -> {
                if (block.isPresent()) {
                    LOG.warn("chaos: not replacing {} in group {}: {}", m.id(), group, block.get());
                    return Future.succeededFuture(ChaosResult.skipped(group, m.id(), "not injecting: " + block.get()
                            + " (engaged while the termination was being recorded)"));
                }
                LOG.info("chaos: replacing {} in group {}", m.id(), group);
                inFlight = new InFlight(group, m.id(), start);
                return replaceAndJudge(audit, victim, victimStatus, start).onComplete(x -> inFlight = null);
            });
        });
    }

    /**
     * The kill switch and the run's halt, checked again right before the termination is requested:
     * why not to go on, as {@code <guard>: <reason>}, or empty. A kill switch that cannot be checked blocks.
     */
    private Future<Optional<String>> lastMomentBlock() {
        Optional<String> stopped = halt;
        if (stopped.isPresent()) {
            return Future.succeededFuture(Optional.of("halt-after-failure: the run was stopped (" + stopped.get() + ")"));
        }
        return killSwitch.check()
                .recover(e -> Future.succeededFuture(Optional.of("kill switch could not be checked: " + e.getMessage())))
                .map(kill -> {
                    if (kill.isPresent()) {
                        return Optional.of("kill-switch: kill switch engaged (" + kill.get() + ")");
                    }
                    // the file check ran on a worker: look at the halt once more, on this thread, just before replacing
                    return halt.map(r -> "halt-after-failure: the run was stopped (" + r + ")");
                });
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
                    Instant inService = ctx.clock().instant();
                    return awaitAnswer(audit, replacement, deadline)
                            .compose(obs -> judge(audit, victim, victimStatus, replacement, obs, start, inService, deadline),
                                    e -> Future.succeededFuture(result(group, m.id(), replacement.id(), ChaosVerdict.TIMED_OUT,
                                            "replacement " + replacement.id() + " did not answer its probes within " + timeout
                                                    + ": " + Errors.message(e), start, inService, null, List.of(), null)));
                });
    }

    /** Probes the replacement until every probe answers, with backoff, until the deadline. */
    private Future<Observed> awaitAnswer(GroupAudit audit, Member replacement, long deadline) {
        return Poll.until(ctx, deadline, Duration.ofMillis(FIRST_RETRY_MS), Duration.ofMillis(MAX_RETRY_MS),
                        () -> prober.probe(audit.runtime(), replacement).map(obs -> obs.reachable() ? Poll.done(obs)
                                : Poll.<Observed>pending(obs.errors().isEmpty() ? "no answer" : obs.errors().get(0).cause())))
                .recover(Poll.expired(last -> last));
    }

    private Future<ChaosResult> judge(GroupAudit audit, Observed victim, MemberStatus victimStatus, Member replacement,
                                      Observed first, Instant start, Instant inService, long deadline) {
        String group = audit.name();
        Member m = victim.member();
        boolean sameProvenance = replacement.provenance().equals(m.provenance());
        Fingerprint golden = audit.judgement().goldens().get(replacement.provenance());
        if (golden == null && audit.baselines() != null) {
            golden = audit.baselines().golden(replacement.provenance()).map(c -> c.fingerprint()).orElse(null);
        }
        if (!sameProvenance && golden == null) {
            // The first member built from a new provenance: it defines the golden for it.
            if (audit.baselines() != null) {
                audit.baselines().putGolden(first.fingerprint(), replacement.provenance(), ctx.clock().instant(), "phoenix",
                        "first member built from " + replacement.provenance() + " (chaos replacement of " + m.id() + ")");
            }
            Future<Void> saved = audit.baselines() == null ? Future.succeededFuture() : baselines.save(audit.baselines());
            return saved.map(v -> result(group, m.id(), replacement.id(), ChaosVerdict.REPRODUCED,
                    "replacement is built from " + replacement.provenance() + ", not the victim's " + m.provenance()
                            + "; it is the first member of that provenance and its fingerprint is now the golden for it",
                    start, inService, ctx.clock().instant(), List.of(), null));
        }
        Fingerprint reference = sameProvenance ? victim.fingerprint() : golden;
        Fingerprint goldenRef = golden;
        return settle(audit, replacement, first, reference, deadline).map(settled -> {
            Fingerprint actual = settled.observed.fingerprint();
            List<Drift> diff = reference.diff(actual);
            Boolean matchesGolden = goldenRef == null ? null : goldenRef.matches(actual);
            if (diff.isEmpty()) {
                String reason = sameProvenance ? "replacement " + replacement.id() + " matches the victim"
                        : "replacement is built from " + replacement.provenance() + " and matches that provenance's golden fingerprint";
                return result(group, m.id(), replacement.id(), ChaosVerdict.REPRODUCED, reason, start, inService,
                        settled.matchedAt, diff, matchesGolden);
            }
            String reason;
            if (!sameProvenance) {
                reason = "replacement is built from " + replacement.provenance() + " and differs from that provenance's golden fingerprint";
            } else if (victimStatus == MemberStatus.MUTATED && Boolean.TRUE.equals(matchesGolden)) {
                reason = "the victim had been changed in place: its replacement matches the image (the group's golden "
                        + "fingerprint), not the victim";
            } else if (victimStatus == MemberStatus.MUTATED
                    && diff.stream().anyMatch(d -> d.change() == Change.REMOVED && reference.inPlace(d.fact()))) {
                String changes = diff.stream().filter(d -> reference.inPlace(d.fact()) || actual.inPlace(d.fact()))
                        .map(Drift::fact).limit(5).collect(Collectors.joining(", "));
                reason = "the victim had been changed in place (" + changes + "): its replacement, created fresh from the same "
                        + "image, does not carry those changes";
            } else {
                reason = "the replacement differs from the victim: its image does not reproduce it";
            }
            return result(group, m.id(), replacement.id(), ChaosVerdict.DIVERGED, reason, start, inService, null, diff, matchesGolden);
        });
    }

    private record Settled(Observed observed, Instant matchedAt) {
    }

    /** Re-probes a replacement that does not match yet, for up to {@code chaos.settle}. */
    private Future<Settled> settle(GroupAudit audit, Member replacement, Observed current, Fingerprint reference, long deadline) {
        if (current.reachable() && reference.matches(current.fingerprint())) {
            return Future.succeededFuture(new Settled(current, ctx.clock().instant()));
        }
        long settleUntil = Math.min(deadline, ctx.clock().millis() + settings.settle().toMillis());
        return settleLoop(audit, replacement, current, reference, settleUntil);
    }

    private Future<Settled> settleLoop(GroupAudit audit, Member replacement, Observed current, Fingerprint reference,
                                       long until) {
        Observed[] last = {current};
        return Poll.until(ctx, until, Duration.ofMillis(FIRST_RETRY_MS), Duration.ofMillis(MAX_RETRY_MS),
                        () -> prober.probe(audit.runtime(), replacement).map(obs -> {
                            if (obs.reachable() && reference.matches(obs.fingerprint())) {
                                return Poll.done(new Settled(obs, ctx.clock().instant()));
                            }
                            if (obs.reachable()) {
                                last[0] = obs;
                            }
                            return Poll.<Settled>pending("does not match yet");
                        }))
                .recover(e -> e instanceof Poll.Expired ? Future.succeededFuture(new Settled(last[0], null)) : Future.failedFuture(e));
    }

    private static ChaosResult result(String group, String victim, String replacement, ChaosVerdict verdict, String reason,
                                      Instant start, Instant inService, Instant matched, List<Drift> diff, Boolean matchesGolden) {
        Long ttr = inService == null ? null : Duration.between(start, inService).toMillis();
        Long ttm = matched == null ? null : Duration.between(start, matched).toMillis();
        return new ChaosResult(group, victim, replacement, verdict, reason, ttr, ttm, diff, matchesGolden);
    }
}
