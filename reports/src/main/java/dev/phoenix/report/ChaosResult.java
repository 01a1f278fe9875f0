package dev.phoenix.report;

import dev.phoenix.model.Drift;
import java.util.List;
import java.util.Objects;

/**
 * One chaos experiment.
 *
 * @param replacement              the replacement's id, null when none came up
 * @param reason                   for SKIPPED, the guardrail ("not injecting: ..."); otherwise what happened
 * @param guard                    for SKIPPED, the name of the guard that stopped it ({@code min-healthy}); null otherwise
 * @param timeToReplaceMs          from the termination request until the replacement was in service
 * @param timeToMatchMs            from the termination request until the replacement's fingerprint matched
 * @param diff                     facts in which the replacement differs from the victim (or the golden it is judged against)
 * @param replacementMatchesGolden whether the replacement matches its group's golden fingerprint, when one is known
 */
public record ChaosResult(String group, String victim, String replacement, ChaosVerdict verdict, String reason, String guard,
                          Long timeToReplaceMs, Long timeToMatchMs, List<Drift> diff, Boolean replacementMatchesGolden) {

    public ChaosResult {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(verdict, "verdict");
        diff = diff == null ? List.of() : List.copyOf(diff);
    }

    /** An experiment that was not stopped by a guard. */
    public ChaosResult(String group, String victim, String replacement, ChaosVerdict verdict, String reason,
                       Long timeToReplaceMs, Long timeToMatchMs, List<Drift> diff, Boolean replacementMatchesGolden) {
        this(group, victim, replacement, verdict, reason, null, timeToReplaceMs, timeToMatchMs, diff, replacementMatchesGolden);
    }

    /**
     * An experiment that {@code guard} stopped before anything was touched.
     *
     * @param reason why, as {@code not injecting: <guard>: <reason>}
     */
    public static ChaosResult skipped(String group, String victim, String guard, String reason) {
        return new ChaosResult(group, victim, null, ChaosVerdict.SKIPPED, reason, guard, null, null, List.of(), null);
    }

    /** The same result without its diff (for summaries). */
    public ChaosResult withoutDiff() {
        return new ChaosResult(group, victim, replacement, verdict, reason, guard, timeToReplaceMs, timeToMatchMs, List.of(),
                replacementMatchesGolden);
    }
}
