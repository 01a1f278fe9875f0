package dev.phoenix.cli;

/** The exit codes users and their scripts rely on. */
public final class ExitCode {

    /** Everything consistent (or the command did what was asked). */
    public static final int OK = 0;
    /** Findings (and no gate failed, or the plain exit codes were asked for). */
    public static final int FINDINGS = 1;
    /** Usage or configuration error; the message names file, line and key. */
    public static final int USAGE = 2;
    /** A provider could not be reached at all. */
    public static final int UNREACHABLE = 3;
    /** A gate failed: a score under {@code fail-under}, or a finding of a {@code fail-on} kind (1 with {@code --plain-exit}). */
    public static final int GATE = 4;

    private ExitCode() {
    }

    /**
     * The exit code for an outcome: 2 config errors, 3 unreachable providers, 4 a failed gate (1 when
     * {@code plain}), 1 findings that are not waived, else 0.
     */
    static int of(dev.phoenix.audit.AuditOutcome outcome, dev.phoenix.score.Gate gate, boolean plain) {
        if (!outcome.configErrors().isEmpty()) {
            return USAGE;
        }
        if (!outcome.unreachable().isEmpty()) {
            return UNREACHABLE;
        }
        return of(outcome.scorecard(), gate, plain);
    }

    /** The exit code for a scorecard: 4 a failed gate (1 when {@code plain}), 1 findings that are not waived, else 0. */
    static int of(dev.phoenix.report.Scorecard card, dev.phoenix.score.Gate gate, boolean plain) {
        if (gate.failure(card).isPresent()) {
            return plain ? FINDINGS : GATE;
        }
        return card.findingCount() > 0 ? FINDINGS : OK;
    }
}
