package dev.phoenix.chaos;

import dev.phoenix.audit.GroupAudit;
import dev.phoenix.baseline.Baselines;
import dev.phoenix.model.Change;
import dev.phoenix.model.Drift;
import dev.phoenix.model.Fingerprint;
import dev.phoenix.model.Member;
import dev.phoenix.observe.MemberProber;
import dev.phoenix.observe.Observed;
import dev.phoenix.proof.Proof;
import dev.phoenix.report.ChaosResult;
import dev.phoenix.report.ChaosVerdict;
import dev.phoenix.report.MemberStatus;
import dev.phoenix.spi.Poll;
import dev.phoenix.spi.ProviderContext;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Judges a replacement that answered its probes: against its victim when both come from the same
 * provenance, else against the golden fingerprint of the replacement's provenance (adopting the
 * replacement as that golden when it is the first member built from it). A replacement that does
 * not match yet is probed again, with backoff, for up to {@code chaos.settle}.
 *
 * <pre>{@code
 * judge.judge(new ReplacementJudge.Case(audit, victim, MemberStatus.MUTATED, replacement, first, start, inService, deadline))
 *      .onSuccess(result -> result.verdict());   // REPRODUCED or DIVERGED, with the diff; ADOPTED for a new provenance's first
 * }</pre>
 */
final class ReplacementJudge {

    static final long FIRST_RETRY_MS = 200;
    static final long MAX_RETRY_MS = 5_000;

    /**
     * One replacement to judge.
     *
     * @param first     its first observation that answered every probe
     * @param inService when the provider reported it in service
     * @param deadline  the experiment's deadline (epoch milliseconds)
     */
    record Case(GroupAudit audit, Observed victim, MemberStatus victimStatus, Member replacement, Observed first, Instant start,
                Instant inService, long deadline) {
    }

    private final ProviderContext ctx;
    private final ChaosSettings settings;
    private final MemberProber prober;
    private final Baselines baselines;
    private final Consumer<Proof.Proven> proofs;
    private final BiConsumer<String, String> fingerprints;
    private final java.util.Map<String, Fingerprint> judged = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param proofs       told of every replacement that matched what it was compared with: a proof of its provenance
     * @param fingerprints told of every judged replacement's fingerprint digest, by victim id (for its attestation)
     */
    ReplacementJudge(ProviderContext ctx, ChaosSettings settings, MemberProber prober, Baselines baselines, Consumer<Proof.Proven> proofs,
                     BiConsumer<String, String> fingerprints) {
        this.ctx = ctx;
        this.settings = settings;
        this.prober = prober;
        this.baselines = baselines;
        this.proofs = proofs;
        this.fingerprints = fingerprints;
    }

    Future<ChaosResult> judge(Case c) {
        GroupAudit audit = c.audit();
        String group = audit.name();
        Member m = c.victim().member();
        Member replacement = c.replacement();
        boolean sameProvenance = replacement.provenance().equals(m.provenance());
        Fingerprint golden = audit.judgement().goldens().get(replacement.provenance());
        if (golden == null && audit.baselines() != null) {
            golden = audit.baselines().golden(replacement.provenance()).map(g -> g.fingerprint()).orElse(null);
        }
        if (!sameProvenance && golden == null) {
            // The first member built from a new provenance: it defines the golden for it.
            Fingerprint adopted = c.first().fingerprint();
            fingerprints.accept(m.id(), adopted.digest());
            String reason = "first member built from " + replacement.provenance() + " (chaos replacement of " + m.id() + ")";
            return baselines.update(group, b -> {
                b.putGolden(adopted, replacement.provenance(), ctx.clock().instant(), "phoenix", reason);
                return null;
            }).map(v -> result(c, replacement.id(), ChaosVerdict.ADOPTED,
                    "replacement is built from " + replacement.provenance() + ", not the victim's " + m.provenance()
                            + "; it is the first member of that provenance and its fingerprint is now the golden for it",
                    ctx.clock().instant(), List.of(), null));
        }
        Fingerprint reference = sameProvenance ? c.victim().fingerprint() : golden;
        Fingerprint goldenRef = golden;
        return settle(audit, replacement, c.first(), reference, c.deadline()).map(settled -> {
            Fingerprint actual = settled.observed().fingerprint();
            fingerprints.accept(m.id(), actual.digest());
            judged.put(m.id(), actual);
            List<Drift> diff = reference.diff(actual);
            Boolean matchesGolden = goldenRef == null ? null : goldenRef.matches(actual);
            if (diff.isEmpty()) {
                String reason = sameProvenance ? "replacement " + replacement.id() + " matches the victim"
                        : "replacement is built from " + replacement.provenance() + " and matches that provenance's golden fingerprint";
                ChaosResult reproduced = result(c, replacement.id(), ChaosVerdict.REPRODUCED, reason, settled.matchedAt(), diff,
                        matchesGolden);
                if (settled.matchedAt() != null && replacement.provenance() != null && !replacement.provenance().isBlank()) {
                    // compared and matched: a proof of the replacement's provenance (an adopted golden above is not one)
                    proofs.accept(new Proof.Proven(group, new Proof(replacement.provenance(), settled.matchedAt(), null, m.id(),
                            replacement.id(), reproduced.timeToReplaceMs(), reproduced.timeToMatchMs())));
                }
                return reproduced;
            }
            return result(c, replacement.id(), ChaosVerdict.DIVERGED, divergence(c, sameProvenance, matchesGolden, diff, reference, actual),
                    null, diff, matchesGolden);
        });
    }

    /** The fingerprint the replacement of {@code victim} was judged by, or null when it was not compared. */
    Fingerprint judged(String victim) {
        return judged.get(victim);
    }

    /** Why a replacement differs, in the words an operator needs. */
    private static String divergence(Case c, boolean sameProvenance, Boolean matchesGolden, List<Drift> diff, Fingerprint reference,
                                     Fingerprint actual) {
        if (!sameProvenance) {
            return "replacement is built from " + c.replacement().provenance() + " and differs from that provenance's golden fingerprint";
        }
        if (c.victimStatus() == MemberStatus.MUTATED && Boolean.TRUE.equals(matchesGolden)) {
            return "the victim had been changed in place: its replacement matches the image (the group's golden "
                    + "fingerprint), not the victim";
        }
        if (c.victimStatus() == MemberStatus.MUTATED
                && diff.stream().anyMatch(d -> d.change() == Change.REMOVED && reference.inPlace(d.fact()))) {
            String changes = diff.stream().filter(d -> reference.inPlace(d.fact()) || actual.inPlace(d.fact()))
                    .map(Drift::fact).limit(5).collect(Collectors.joining(", "));
            return "the victim had been changed in place (" + changes + "): its replacement, created fresh from the same "
                    + "image, does not carry those changes";
        }
        return "the replacement differs from the victim: its image does not reproduce it";
    }

    private record Settled(Observed observed, Instant matchedAt) {
    }

    /** Re-probes a replacement that does not match yet, for up to {@code chaos.settle}. */
    private Future<Settled> settle(GroupAudit audit, Member replacement, Observed current, Fingerprint reference, long deadline) {
        if (current.reachable() && reference.matches(current.fingerprint())) {
            return Future.succeededFuture(new Settled(current, ctx.clock().instant()));
        }
        long until = Math.min(deadline, ctx.clock().millis() + settings.settle().toMillis());
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

    private static ChaosResult result(Case c, String replacement, ChaosVerdict verdict, String reason, Instant matched,
                                      List<Drift> diff, Boolean matchesGolden) {
        return Experiment.result(c.audit().name(), c.victim().member().id(), replacement, verdict, reason, c.start(), c.inService(),
                matched, diff, matchesGolden);
    }
}
