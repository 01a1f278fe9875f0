package dev.phoenix.report;

/** The verdict on one member in one audit. */
public enum MemberStatus {
    /** First seen (or first seen at this provenance): its baseline was captured in this run. */
    BASELINED,
    /** Matches its baseline (mutable) or its group's golden fingerprint (immutable). */
    CONSISTENT,
    /** A mutable host whose state left its baseline. */
    DRIFTED,
    /** An immutable member that was changed in place. */
    MUTATED,
    /** Probes failed, or the member is stopped; nothing was compared. */
    UNREACHABLE,
    /** Seen in the previous run, gone now, and not replaced by Phoenix. */
    MISSING;

    /** Whether the status is a finding (fails a CI gate). */
    public boolean finding() {
        return this == DRIFTED || this == MUTATED || this == UNREACHABLE || this == MISSING;
    }
}
