package dev.phoenix.model;

import java.util.Locale;

/** What a member is: a cloud instance, a container or a (static or simulated) host. */
public enum MemberKind {
    INSTANCE,
    CONTAINER,
    HOST;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code instance}, {@code container} or {@code host} (any case); empty for anything else. */
    public static java.util.Optional<MemberKind> parse(String text) {
        for (MemberKind k : values()) {
            if (k.label().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return java.util.Optional.of(k);
            }
        }
        return java.util.Optional.empty();
    }
}
