package dev.phoenix.chaos;

import dev.phoenix.model.Member;
import dev.phoenix.report.MemberStatus;
import java.util.Objects;

/**
 * A member the planner would terminate, with what guards need to know about its group.
 *
 * @param status    the member's status in this run
 * @param groupSize members the group has
 * @param inService members of the group that answered their probes in this run
 */
public record Candidate(String group, Member victim, MemberStatus status, int groupSize, int inService) {

    public Candidate {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(victim, "victim");
        Objects.requireNonNull(status, "status");
    }
}
