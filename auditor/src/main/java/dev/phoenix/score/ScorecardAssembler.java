package dev.phoenix.score;

import dev.phoenix.report.ChaosResult;
import dev.phoenix.report.GroupSummary;
import dev.phoenix.report.MemberResult;
import dev.phoenix.report.MemberStatus;
import dev.phoenix.report.Rollout;
import dev.phoenix.report.Score;
import dev.phoenix.report.Scorecard;
import dev.phoenix.report.StatusCounts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds a run's scorecard from its groups' outcomes and its chaos experiments, scoring the
 * fleet and each group ({@link Scoring}).
 *
 * <pre>{@code
 * Scorecard card = ScorecardAssembler.assemble(new ScorecardAssembler.Run(runId, started, finished, "leashed", true, seed),
 *         groups, chaos);
 * }</pre>
 */
public final class ScorecardAssembler {

    private ScorecardAssembler() {
    }

    /** What identifies a run in its scorecard. */
    public record Run(String runId, Instant startedAt, Instant finishedAt, String mode, boolean complete, Long seed) {
        public Run {
            Objects.requireNonNull(runId, "runId");
        }
    }

    /**
     * One group's outcome.
     *
     * @param mutability {@code mutable}, {@code immutable}, {@code mixed}, or null for a group with no members
     * @param error      why the group could not be audited, or null; its members are then empty
     * @param expected   how many members it should have and who says so, or null when nothing does
     */
    public record GroupOutcome(String name, String provider, String mutability, List<MemberResult> members,
                               List<Rollout> rollouts, String error, ExpectedSize expected,
                               List<dev.phoenix.report.UnauditedPart> unaudited) {
        public GroupOutcome {
            members = List.copyOf(members);
            rollouts = List.copyOf(rollouts);
            unaudited = unaudited == null ? List.of() : List.copyOf(unaudited);
        }

        /** A group whose every account and region was audited. */
        public GroupOutcome(String name, String provider, String mutability, List<MemberResult> members,
                            List<Rollout> rollouts, String error, ExpectedSize expected) {
            this(name, provider, mutability, members, rollouts, error, expected, List.of());
        }

        public static GroupOutcome failed(String name, String provider, String error) {
            return new GroupOutcome(name, provider, null, List.of(), List.of(), error, null);
        }

        /** Members that answered their probes. */
        int inService() {
            return (int) members.stream().filter(m -> m.status() != MemberStatus.UNREACHABLE && m.status() != MemberStatus.MISSING)
                    .count();
        }
    }

    public static Scorecard assemble(Run run, List<GroupOutcome> outcomes, List<ChaosResult> chaos) {
        List<MemberResult> members = new ArrayList<>();
        List<Rollout> rollouts = new ArrayList<>();
        List<GroupSummary> groups = new ArrayList<>();
        int discovered = 0;
        for (GroupOutcome g : outcomes) {
            List<ChaosResult> groupChaos = chaos.stream().filter(c -> c.group().equals(g.name())).toList();
            if (g.error() != null) {
                groups.add(new GroupSummary(g.name(), g.provider(), null, 0, Scoring.score(List.of(), groupChaos, 1, 0), Map.of(),
                        g.error()));
                continue;
            }
            discovered++;
            members.addAll(g.members());
            rollouts.addAll(g.rollouts());
            groups.add(new GroupSummary(g.name(), g.provider(), g.mutability(), g.members().size(),
                    Scoring.score(g.members(), groupChaos, 1, 1), StatusCounts.of(g.members()), null,
                    g.expected() == null ? null : g.expected().members(), g.expected() == null ? null : g.expected().from(),
                    g.inService(), g.unaudited()));
        }
        Score score = Scoring.score(members, chaos, outcomes.size(), discovered);
        return new Scorecard(Scorecard.SCHEMA_VERSION, run.runId(), run.startedAt(), run.finishedAt(), run.mode(), score, groups,
                members, chaos, rollouts, run.complete(), run.seed());
    }
}
