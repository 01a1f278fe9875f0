package dev.phoenix.chaos;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What guards evaluate against, refreshed before each experiment.
 *
 * @param settings         the chaos section of the config
 * @param now              the clock's time
 * @param lastTermination  when each group last had a member terminated (from the ledger); null when the
 *                         ledger could not be read, which blocks any guard that needs it
 * @param killSwitch       why the kill switch is engaged, or empty
 * @param victims          victims already taken (or, leashed, that would have been) per group in this run
 * @param haltReason       why the run's remaining experiments stop (a failed replacement, a shutdown), or empty
 * @param unleashed        the run's executor is not the leashed twin ({@link ChaosExecutor#dryRun()}); otherwise
 *                         every experiment is a dry run
 * @param stopCondition    the stop condition that trips (or cannot be evaluated) and why, or empty
 */
public record GuardContext(ChaosSettings settings, Instant now, Map<String, Instant> lastTermination,
                           Optional<String> killSwitch, Map<String, Integer> victims, Optional<String> haltReason,
                           boolean unleashed, Optional<String> stopCondition) {

    public GuardContext {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(killSwitch, "killSwitch");
        victims = new HashMap<>(victims);
        Objects.requireNonNull(haltReason, "haltReason");
        Objects.requireNonNull(stopCondition, "stopCondition");
    }

    /** Victims already taken (or, leashed, that would have been) in {@code group} in this run. */
    public int victims(String group) {
        return victims.getOrDefault(group, 0);
    }
}
