package dev.phoenix.model;

/** How one fact differs between an expected and an actual fingerprint. */
public enum Change {
    ADDED,
    REMOVED,
    CHANGED
}
