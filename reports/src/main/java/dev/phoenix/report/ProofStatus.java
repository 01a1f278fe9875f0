package dev.phoenix.report;

/**
 * Whether a group's reproducibility proof holds (see {@link GroupProof}).
 */
public enum ProofStatus {
    /** An experiment reproduced a member of every provenance the group runs, within {@code chaos.proof-ttl}. */
    PROVEN,
    /** The group was proven once, but for another provenance (a rollout since) or longer ago than {@code chaos.proof-ttl}. */
    STALE,
    /** No experiment ever reproduced a member of the group. */
    NEVER_PROVEN
}
