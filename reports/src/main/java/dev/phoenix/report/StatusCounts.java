package dev.phoenix.report;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;

/**
 * How many members have each status: computed here only, for the scorecard's groups, the run
 * history's summaries and the exporters alike.
 *
 * <pre>{@code
 * Map<MemberStatus, Integer> counts = StatusCounts.of(scorecard.members());   // {CONSISTENT=5, DRIFTED=1}
 * }</pre>
 */
public final class StatusCounts {

    private StatusCounts() {
    }

    /** Members by status; statuses no member has are absent. */
    public static Map<MemberStatus, Integer> of(Collection<MemberResult> members) {
        Map<MemberStatus, Integer> counts = new EnumMap<>(MemberStatus.class);
        for (MemberResult m : members) {
            counts.merge(m.status(), 1, Integer::sum);
        }
        return counts;
    }
}
