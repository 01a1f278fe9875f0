package dev.phoenix.report;

/** The outcome of one chaos experiment (terminate a victim, compare its replacement). */
public enum ChaosVerdict {
    /** The replacement's fingerprint matches the victim's (or its provenance's golden). */
    REPRODUCED,
    /** The replacement differs; the diff says how. */
    DIVERGED,
    /** Two replacements of one member differ from each other; the diff says how. */
    NONDETERMINISTIC,
    /**
     * The replacement is the first member of a new provenance and became its golden fingerprint:
     * nothing was compared, so it counts outside reproducibility.
     */
    ADOPTED,
    /** The provider could not replace the victim. */
    REPLACEMENT_FAILED,
    /** No replacement answered before the deadline. */
    TIMED_OUT,
    /** Nothing was injected; the reason names the guardrail. */
    SKIPPED;

    public boolean finding() {
        return this == DIVERGED || this == NONDETERMINISTIC || this == REPLACEMENT_FAILED || this == TIMED_OUT;
    }
}
