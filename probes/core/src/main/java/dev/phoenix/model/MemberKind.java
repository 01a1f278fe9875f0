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
}
