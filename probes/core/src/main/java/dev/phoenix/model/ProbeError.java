package dev.phoenix.model;

import java.util.Objects;

/**
 * A probe that could not observe its member: which probe, and why, in one line.
 *
 * @param probe probe instance name
 * @param cause human-readable cause naming where it happened (URL, command, API call)
 */
public record ProbeError(String probe, String cause) {

    public ProbeError {
        Objects.requireNonNull(probe, "probe");
        cause = cause == null ? "unknown failure" : cause;
    }
}
