package dev.phoenix.report;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The result of one audit: the stable contract that exporters format and CI gates on.
 * See {@code scorecard.schema.json} beside this class for every field.
 *
 * @param mode     {@code leashed} (chaos was a dry run or off) or {@code unleashed}
 * @param complete false when the run was cut short (shutdown deadline); what was measured is still here
 * @param seed     the random seed of the run, so that it can be repeated
 */
public record Scorecard(int schemaVersion, String runId, Instant startedAt, Instant finishedAt, String mode,
                        Score score, List<GroupSummary> groups, List<MemberResult> members, List<ChaosResult> chaos,
                        List<Rollout> rollouts, boolean complete, Long seed) {

    public static final int SCHEMA_VERSION = 1;

    public Scorecard {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(score, "score");
        groups = List.copyOf(groups);
        members = List.copyOf(members);
        chaos = List.copyOf(chaos);
        rollouts = rollouts == null ? List.of() : List.copyOf(rollouts);
    }

    /** Members with a finding status, chaos experiments with a finding verdict and undiscoverable groups. */
    public long findings() {
        return members.stream().filter(m -> m.status().finding()).count()
                + chaos.stream().filter(c -> c.verdict().finding()).count()
                + groups.stream().filter(g -> g.error() != null).count();
    }

    public long count(MemberStatus status) {
        return StatusCounts.of(members).getOrDefault(status, 0);
    }

    public long count(ChaosVerdict verdict) {
        return chaos.stream().filter(c -> c.verdict() == verdict).count();
    }
}
