package dev.phoenix.proof;

import java.time.Instant;
import java.util.Objects;

/**
 * One experiment that proved a group reproducible: a victim of {@code provenance} was replaced and
 * its replacement matched. Kept in the store's proof book ({@link ProofBook}), newest first per group.
 *
 * @param provenance      the provenance the replacement was built from (AMI and launch-template version, image id)
 * @param provenAt        when the replacement's fingerprint matched
 * @param runId           the run of the experiment; null until the run is recorded ({@link #inRun})
 * @param timeToReplaceMs from the termination request until the replacement was in service
 * @param timeToMatchMs   from the termination request until the replacement matched
 */
public record Proof(String provenance, Instant provenAt, String runId, String victim, String replacement, Long timeToReplaceMs,
                    Long timeToMatchMs) {

    public Proof {
        Objects.requireNonNull(provenance, "provenance");
        Objects.requireNonNull(provenAt, "provenAt");
    }

    /** The same proof, recorded as part of run {@code id}. */
    public Proof inRun(String id) {
        return new Proof(provenance, provenAt, id, victim, replacement, timeToReplaceMs, timeToMatchMs);
    }

    /**
     * A proof of {@code group} made by the chaos phase of the run under way.
     *
     * <pre>{@code
     * new Proof.Proven("web", new Proof("web:2.0", matchedAt, null, "web-1", "web-4", 950L, 1200L));
     * }</pre>
     */
    public record Proven(String group, Proof proof) {
        public Proven {
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(proof, "proof");
        }
    }
}
