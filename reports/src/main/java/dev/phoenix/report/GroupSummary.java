package dev.phoenix.report;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One group's line in the scorecard.
 *
 * @param statuses        how many members have each status
 * @param error           why the group could not be discovered, or null
 * @param expectedMembers how many members the group should have; null when nothing says
 * @param expectedFrom    who says so: {@code provider}, {@code config} or {@code previous run}; null with it
 * @param inService       members that answered their probes in this run
 * @param unaudited       the accounts and regions of the group that could not be audited while the others were
 */
public record GroupSummary(String name, String provider, String mutability, int members, Score score,
                           Map<MemberStatus, Integer> statuses, String error, Integer expectedMembers, String expectedFrom,
                           int inService, java.util.List<UnauditedPart> unaudited) {

    public GroupSummary {
        Objects.requireNonNull(name, "name");
        statuses = statuses == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(statuses));
        unaudited = unaudited == null ? java.util.List.of() : java.util.List.copyOf(unaudited);
    }

    /** A group whose every account and region was audited. */
    public GroupSummary(String name, String provider, String mutability, int members, Score score,
                        Map<MemberStatus, Integer> statuses, String error, Integer expectedMembers, String expectedFrom,
                        int inService) {
        this(name, provider, mutability, members, score, statuses, error, expectedMembers, expectedFrom, inService,
                java.util.List.of());
    }

    /** A group with no expected size. */
    public GroupSummary(String name, String provider, String mutability, int members, Score score,
                        Map<MemberStatus, Integer> statuses, String error) {
        this(name, provider, mutability, members, score, statuses, error, null, null, members);
    }

    /** Whether fewer members are in service than the group should have. */
    public boolean undersized() {
        return error == null && expectedMembers != null && inService < expectedMembers;
    }
}
