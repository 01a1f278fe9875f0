package dev.phoenix.model;

import java.util.Objects;

/**
 * One fact that differs from what was expected.
 *
 * @param fact     the fact key
 * @param expected the expected value, {@code null} when the fact was {@link Change#ADDED}
 * @param actual   the observed value, {@code null} when the fact was {@link Change#REMOVED}
 * @param change   added, removed or changed
 */
public record Drift(String fact, String expected, String actual, Change change) {

    public Drift {
        Objects.requireNonNull(fact, "fact");
        Objects.requireNonNull(change, "change");
    }
}
