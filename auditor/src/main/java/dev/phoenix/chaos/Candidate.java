package dev.phoenix.chaos;

import dev.phoenix.model.Member;
import java.util.Objects;

/**
 * A member the planner would terminate, with what guards need to know about it and its group.
 *
 * @param reachable whether the member answered its probes in this run (its replacement can be compared with it)
 * @param groupSize members the group has
 * @param inService members of the group that answered their probes in this run
 * @param expected  members the group should have (its provider's, its config's or the previous run's count);
 *                  0 when nothing says, and guardrails then count {@code groupSize}
 */
public record Candidate(String group, Member victim, boolean reachable, int groupSize, int inService, int expected) {

    public Candidate {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(victim, "victim");
    }
}
