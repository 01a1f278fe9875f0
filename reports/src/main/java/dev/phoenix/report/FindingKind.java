package dev.phoenix.report;

import java.util.Locale;

/**
 * What a finding is about. Each kind is one rule in SARIF ({@code phoenix/drifted}), one value
 * of {@code report.fail-on}, and has a default severity.
 */
public enum FindingKind {
    /** A mutable host left its baseline (one finding per drifted fact). */
    DRIFTED(Severity.MEDIUM, "A mutable host's fact left its baseline."),
    /** An immutable member was changed in place (one finding per changed fact). */
    MUTATED(Severity.HIGH, "An immutable member was changed in place."),
    /** A member's probes failed, or it is stopped: nothing was compared. */
    UNREACHABLE(Severity.MEDIUM, "A member could not be observed, so nothing was compared."),
    /** A member seen in the previous run is gone, and Phoenix did not replace it. */
    MISSING(Severity.HIGH, "A member seen in the previous run is gone and was not replaced by Phoenix."),
    /** A group has fewer members than it should. */
    UNDERSIZED(Severity.HIGH, "A group has fewer members than its expected size."),
    /** A group could not be discovered, or matched no member. */
    UNDISCOVERED(Severity.HIGH, "A group could not be discovered, or its source matched no member."),
    /** A chaos replacement differs from its victim: the image does not reproduce it (one finding per fact). */
    DIVERGED(Severity.CRITICAL, "A replacement built from the same image differs from the member it replaced."),
    /** Two replacements of one member differ from each other: the boot is not deterministic. */
    NONDETERMINISTIC(Severity.HIGH, "Two replacements built from the same image differ from each other."),
    /** The provider could not replace a victim. */
    REPLACEMENT_FAILED(Severity.HIGH, "A chaos experiment could not replace its victim."),
    /** No replacement answered before the deadline. */
    TIMED_OUT(Severity.MEDIUM, "No replacement was in service and answering before the deadline."),
    /** A reproduced experiment missed the group's objectives (time to replace or to match). */
    OBJECTIVE_MISSED(Severity.MEDIUM, "A replacement reproduced its victim but took longer than the group's objective.");

    private final Severity defaultSeverity;
    private final String description;

    FindingKind(Severity defaultSeverity, String description) {
        this.defaultSeverity = defaultSeverity;
        this.description = description;
    }

    public Severity defaultSeverity() {
        return defaultSeverity;
    }

    /** Whether a finding of this kind is about a chaos experiment (named by its victim), not a member or a group. */
    public boolean aboutExperiment() {
        return switch (this) {
            case DIVERGED, NONDETERMINISTIC, REPLACEMENT_FAILED, TIMED_OUT, OBJECTIVE_MISSED -> true;
            default -> false;
        };
    }

    /** Whether a finding of this kind is about a whole group. */
    public boolean aboutGroup() {
        return this == UNDISCOVERED || this == UNDERSIZED;
    }

    /** One sentence, for SARIF rule descriptions and help. */
    public String description() {
        return description;
    }

    /** The rule id: {@code phoenix/drifted}, {@code phoenix/replacement-failed}. */
    public String ruleId() {
        return "phoenix/" + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
