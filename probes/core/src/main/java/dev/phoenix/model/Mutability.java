package dev.phoenix.model;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether a member may be changed after deployment.
 *
 * <p>Immutable members (instances of a scaling group, containers) are compared with their
 * group's golden fingerprint; mutable hosts with their own baseline.
 */
public enum Mutability {
    IMMUTABLE,
    MUTABLE;

    /** Lower-case name as written in config, tags and reports. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code immutable} / {@code mutable} (any case); empty for anything else. */
    public static Optional<Mutability> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "immutable" -> Optional.of(IMMUTABLE);
            case "mutable" -> Optional.of(MUTABLE);
            default -> Optional.empty();
        };
    }

    /**
     * The effective mutability of a member: a per-member tag or label wins over the
     * group's setting in config, which wins over the provider's default.
     */
    public static Mutability resolve(String memberTag, Optional<Mutability> groupSetting, Mutability providerDefault) {
        return parse(memberTag).or(() -> groupSetting).orElse(providerDefault);
    }
}
