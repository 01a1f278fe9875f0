package dev.phoenix.chaos;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What one chaos run has done so far, as its guards see it: the ledger's last terminations (null
 * when the ledger could not be read, which blocks every guard that needs it), the victims taken
 * per group, and why the run's remaining experiments stop. Touched only on the run's context.
 */
final class ChaosState {

    private Map<String, Instant> lastTerminations;
    private final Map<String, Integer> victims = new HashMap<>();
    private volatile Optional<String> halt = Optional.empty();

    void lastTerminations(Map<String, Instant> last) {
        lastTerminations = last == null ? null : new HashMap<>(last);
    }

    /** When each group last lost a member, or null when the ledger could not be read. */
    Map<String, Instant> lastTerminations() {
        return lastTerminations;
    }

    /** The ledger recorded a termination in {@code group} at {@code at} for this run. */
    void terminated(String group, Instant at) {
        if (lastTerminations != null) {
            lastTerminations.put(group, at);
        }
    }

    int victims(String group) {
        return victims.getOrDefault(group, 0);
    }

    void victim(String group) {
        victims.merge(group, 1, Integer::sum);
    }

    Map<String, Integer> victims() {
        return victims;
    }

    /** Stops the run's remaining experiments. */
    void halt(String reason) {
        halt = Optional.of(reason);
    }

    Optional<String> halt() {
        return halt;
    }
}
