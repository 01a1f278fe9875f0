package dev.phoenix.score;

import java.util.Objects;

/**
 * How many members a group should have, and who says so: the provider (an Auto Scaling group's
 * desired capacity, a {@code phoenix.replicas} label, an inventory's host list), the config
 * ({@code expected-members}), or the previous run. Guardrails count against it, not against the
 * members that happened to answer.
 *
 * <pre>{@code
 * ExpectedSize.of(3, ExpectedSize.PROVIDER)   // 3, from the provider
 * }</pre>
 */
public record ExpectedSize(int members, String from) {

    public static final String PROVIDER = "provider";
    public static final String CONFIG = "config";
    public static final String PREVIOUS_RUN = "previous run";

    public ExpectedSize {
        Objects.requireNonNull(from, "from");
        if (members < 0) {
            throw new IllegalArgumentException("expected members must not be negative: " + members);
        }
    }

    public static ExpectedSize of(int members, String from) {
        return new ExpectedSize(members, from);
    }
}
