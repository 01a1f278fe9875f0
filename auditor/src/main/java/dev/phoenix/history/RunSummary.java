package dev.phoenix.history;

import dev.phoenix.report.ChaosResult;
import dev.phoenix.report.MemberResult;
import dev.phoenix.report.MemberStatus;
import dev.phoenix.report.Score;
import dev.phoenix.report.Scorecard;
import dev.phoenix.report.StatusCounts;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the run list, the dashboard and {@code /metrics} need of one run, kept beside its
 * scorecard so that listing runs never reads whole scorecards.
 *
 * @param statuses    members by status
 * @param probeErrors failed probe calls in the run
 * @param chaos       the run's chaos experiments, without their diffs
 * @param attention   drifted, mutated and unreachable members (at most {@link #MAX_ATTENTION}), without drift values
 */
public record RunSummary(String runId, Instant startedAt, Instant finishedAt, String mode, boolean complete, Score score,
                         int members, Map<MemberStatus, Integer> statuses, int probeErrors, long findings,
                         List<ChaosResult> chaos, List<Attention> attention) {

    public static final int MAX_ATTENTION = 200;

    public RunSummary {
        Objects.requireNonNull(runId, "runId");
        statuses = statuses == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(statuses));
        chaos = chaos == null ? List.of() : List.copyOf(chaos);
        attention = attention == null ? List.of() : List.copyOf(attention);
    }

    /** A member that needs a look, as listed on the dashboard. */
    public record Attention(String id, String group, MemberStatus status, int facts, String note) {
    }

    public static RunSummary of(Scorecard s) {
        Map<MemberStatus, Integer> statuses = StatusCounts.of(s.members());
        int errors = 0;
        List<Attention> attention = new java.util.ArrayList<>();
        for (MemberResult m : s.members()) {
            errors += m.probeErrors().size();
            if (m.status().finding() && attention.size() < MAX_ATTENTION) {
                String note = m.status() == MemberStatus.UNREACHABLE && !m.probeErrors().isEmpty()
                        ? m.probeErrors().get(0).cause() : m.note();
                attention.add(new Attention(m.id(), m.group(), m.status(), m.drift().size(), note));
            }
        }
        List<ChaosResult> chaos = s.chaos().stream().map(ChaosResult::withoutDiff).toList();
        return new RunSummary(s.runId(), s.startedAt(), s.finishedAt(), s.mode(), s.complete(), s.score(), s.members().size(),
                statuses, errors, s.findingCount(), chaos, attention);
    }

    /** Run time in milliseconds, when known. */
    public Long durationMs() {
        return startedAt == null || finishedAt == null ? null : java.time.Duration.between(startedAt, finishedAt).toMillis();
    }
}
