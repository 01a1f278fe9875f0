package dev.phoenix.chaos;

import dev.phoenix.model.Member;
import java.util.Objects;

/**
 * A member the planner would terminate, with what guards need to know about it and its group.
 *
 * @param reachable whether the member answered its probes in this run (its replacement can be compared with it)
 * @param groupSize members the group has
 * @param inService members of the group that answered their probes in this run
 */
public record Candidate(String group, Member victim, boolean reachable, int groupSize, int inService) {

    public Candidate {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(victim, "victim");
    }
}
