package dev.phoenix.report;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One group's line in the scorecard.
 *
 * @param statuses how many members have each status
 * @param error    why the group could not be discovered, or null
 */
public record GroupSummary(String name, String provider, String mutability, int members, Score score,
                           Map<MemberStatus, Integer> statuses, String error) {

    public GroupSummary {
        Objects.requireNonNull(name, "name");
        statuses = statuses == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(statuses));
    }
}
