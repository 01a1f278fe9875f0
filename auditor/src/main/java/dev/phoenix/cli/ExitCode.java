package dev.phoenix.cli;

/** The exit codes users and their scripts rely on. */
public final class ExitCode {

    /** Everything consistent (or the command did what was asked). */
    public static final int OK = 0;
    /** Findings, or a score under {@code --fail-under}. */
    public static final int FINDINGS = 1;
    /** Usage or configuration error; the message names file, line and key. */
    public static final int USAGE = 2;
    /** A provider could not be reached at all. */
    public static final int UNREACHABLE = 3;

    private ExitCode() {
    }

    /** The exit code for an outcome: 2 config errors, 3 unreachable providers, 1 findings or a low score, else 0. */
    static int of(dev.phoenix.audit.AuditOutcome outcome, Integer failUnder) {
        if (!outcome.configErrors().isEmpty()) {
            return USAGE;
        }
        if (!outcome.unreachable().isEmpty()) {
            return UNREACHABLE;
        }
        boolean low = failUnder != null && outcome.scorecard().score().overall() != null
                && outcome.scorecard().score().overall() < failUnder;
        return outcome.scorecard().findingCount() > 0 || low ? FINDINGS : OK;
    }
}
