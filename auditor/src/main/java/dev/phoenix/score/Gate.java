package dev.phoenix.score;

import dev.phoenix.report.Finding;
import dev.phoenix.report.FindingKind;
import dev.phoenix.report.Scorecard;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rules CI gates a scorecard on: a least overall score ({@code --fail-under}, {@code report.fail-under})
 * and finding kinds that fail the run ({@code --fail-on}, {@code report.fail-on}). Waived findings count
 * toward no rule; the scorecard's score already leaves them out.
 *
 * <pre>{@code
 * new Gate(Optional.of(90), Set.of(FindingKind.MUTATED)).failure(card)
 * // Optional["score 72 (C) is under fail-under 90; fail-on MUTATED: 2 findings (web-3: app.version 1.0 -> 1.1, ...)"]
 * }</pre>
 */
public record Gate(Optional<Integer> failUnder, Set<FindingKind> failOn) {

    public Gate {
        Objects.requireNonNull(failUnder, "failUnder");
        failOn = Set.copyOf(failOn);
    }

    public static Gate none() {
        return new Gate(Optional.empty(), Set.of());
    }

    public boolean isEmpty() {
        return failUnder.isEmpty() && failOn.isEmpty();
    }

    /** Why the scorecard fails this gate, as one line; empty when it passes. */
    public Optional<String> failure(Scorecard card) {
        List<String> why = new ArrayList<>();
        failUnder.ifPresent(min -> {
            Integer overall = card.score().overall();
            if (overall == null || overall < min) {
                why.add("score " + (overall == null ? "none" : overall + " (" + card.score().grade() + ")") + " is under fail-under " + min);
            }
        });
        if (!failOn.isEmpty()) {
            List<Finding> hits = card.findings().stream().filter(f -> !f.waived() && failOn.contains(f.kind())).toList();
            if (!hits.isEmpty()) {
                String kinds = hits.stream().map(f -> f.kind().name()).distinct().sorted().collect(Collectors.joining(", "));
                String first = hits.stream().sorted(dev.phoenix.report.Findings.MOST_SEVERE_FIRST).limit(2).map(Finding::message)
                        .collect(Collectors.joining("; "));
                why.add("fail-on " + kinds + ": " + hits.size() + (hits.size() == 1 ? " finding (" : " findings (") + first
                        + (hits.size() > 2 ? "; ..." : "") + ")");
            }
        }
        return why.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", why));
    }
}
