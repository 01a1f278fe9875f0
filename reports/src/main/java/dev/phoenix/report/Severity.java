package dev.phoenix.report;

/**
 * How much a finding weighs: in scores, in gates and in what exporters show first. Each finding
 * kind has a default ({@link FindingKind#defaultSeverity()}); config may override it per fact.
 */
public enum Severity {
    CRITICAL,
    HIGH,
    MEDIUM,
    LOW;

    /** The SARIF level: {@code error} for critical and high, {@code warning} for medium, {@code note} for low. */
    public String sarifLevel() {
        return switch (this) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW -> "note";
        };
    }

    /** The SARIF security-severity (0-10) code scanning sorts by. */
    public String securitySeverity() {
        return switch (this) {
            case CRITICAL -> "9.5";
            case HIGH -> "7.5";
            case MEDIUM -> "5.0";
            case LOW -> "2.0";
        };
    }
}
