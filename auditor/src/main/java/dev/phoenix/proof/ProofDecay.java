package dev.phoenix.proof;

import dev.phoenix.report.GroupProof;
import dev.phoenix.report.ProofStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A reproducibility score that counts proven groups and decays with the age of their proofs, in
 * the spirit of a decaying reliability score: each immutable group weighs
 *
 * <pre>
 *   PROVEN:                 w = 1 - age / (2 x ttl)     (1 just proven, 0.5 when the proof is about to expire)
 *   STALE or NEVER_PROVEN:  w = 0
 * </pre>
 *
 * and the score is {@code floor(100 x mean(w))} over the groups assessed, or null when none was.
 *
 * <pre>{@code
 * Integer score = ProofDecay.score(card.proofs(), card.finishedAt(), Duration.ofDays(7));   // e.g. 2 groups, one proven 3.5 d ago: 37
 * }</pre>
 */
public final class ProofDecay {

    private ProofDecay() {
    }

    /** One group's weight at {@code now}, between 0 and 1. */
    public static double weight(GroupProof proof, Instant now, Duration ttl) {
        if (proof.status() != ProofStatus.PROVEN || proof.provenAt() == null) {
            return 0;
        }
        double age = Math.max(0, Duration.between(proof.provenAt(), now).toMillis());
        return Math.max(0, 1 - age / (2.0 * ttl.toMillis()));
    }

    /** The decayed reproducibility score, 0 to 100, or null when no group was assessed. */
    public static Integer score(List<GroupProof> proofs, Instant now, Duration ttl) {
        if (proofs.isEmpty()) {
            return null;
        }
        double sum = 0;
        for (GroupProof p : proofs) {
            sum += weight(p, now, ttl);
        }
        return (int) Math.floor(100 * sum / proofs.size() + 1e-9);
    }
}
