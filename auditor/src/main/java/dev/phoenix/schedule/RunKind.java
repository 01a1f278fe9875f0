package dev.phoenix.schedule;

import java.util.Locale;

/** The two kinds of scheduled run. Runs of one kind never overlap. */
public enum RunKind {
    /** Discover, probe, compare with baselines; no chaos. */
    AUDIT,
    /** An audit followed by the chaos phase (still under every guardrail). */
    CHAOS;

    /** The name used in config keys, logs, metrics and the API ({@code audit}, {@code chaos}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
