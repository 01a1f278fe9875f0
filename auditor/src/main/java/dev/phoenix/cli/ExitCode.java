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
}
