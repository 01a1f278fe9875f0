package dev.phoenix.baseline;

import dev.phoenix.model.Drift;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One baseline decision a person made: who captured or accepted what, when, and which drift
 * that accepted.
 *
 * @param action  {@code capture} or {@code accept}
 * @param subject {@code member <id>} or {@code golden <provenance>}
 * @param from    digest of the baseline replaced, or null when there was none
 * @param to      digest of the new baseline
 * @param drift   the facts that differed from the replaced baseline (expected = old, actual = accepted)
 */
public record Acceptance(Instant at, String by, String action, String group, String subject, String from, String to,
                         List<Drift> drift, String reason) {

    public Acceptance {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(subject, "subject");
        drift = drift == null ? List.of() : List.copyOf(drift);
    }
}
