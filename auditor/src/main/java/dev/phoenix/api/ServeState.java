package dev.phoenix.api;

import dev.phoenix.chaos.KillSwitch;
import dev.phoenix.cluster.ClusterView;
import dev.phoenix.schedule.RunCoordinator;
import dev.phoenix.schedule.Scheduler;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * What the API and the dashboard read and act on.
 *
 * @param token  the bearer token every call needs, or empty when the API is open (loopback only)
 * @param store  where runs are kept, for the dashboard
 * @param cluster the cluster this node is in ({@code serve --cluster}), or null for a single node
 */
public record ServeState(RunCoordinator runs, Scheduler scheduler, KillSwitch killSwitch, Optional<String> token, Clock clock,
                         String store, boolean unleashed, ClusterView cluster) {

    public ServeState {
        Objects.requireNonNull(runs, "runs");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(killSwitch, "killSwitch");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(clock, "clock");
    }

    /** A single node's state. */
    public ServeState(RunCoordinator runs, Scheduler scheduler, KillSwitch killSwitch, Optional<String> token, Clock clock,
                      String store, boolean unleashed) {
        this(runs, scheduler, killSwitch, token, clock, store, unleashed, null);
    }
}
