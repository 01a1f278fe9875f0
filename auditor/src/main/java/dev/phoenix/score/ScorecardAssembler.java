package dev.phoenix.score;

import dev.phoenix.report.ChaosResult;
import dev.phoenix.report.Finding;
import dev.phoenix.report.Findings;
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
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Builds a run's scorecard from its groups' outcomes and its chaos experiments, scoring the
 * fleet and each group ({@link Scoring}).
 *
 * <pre>{@code
 * Scorecard card = ScorecardAssembler.assemble(new ScorecardAssembler.Run(runId, started, finished, "leashed", true, seed),
 *         groups, chaos, policy, previousScorecard);   // findings with severities and waivers, compared with the previous run
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

    /** Default severities, no waivers, nothing to compare with. */
    public static Scorecard assemble(Run run, List<GroupOutcome> outcomes, List<ChaosResult> chaos) {
        return assemble(run, outcomes, chaos, FindingPolicy.none(java.time.LocalDate.now(java.time.ZoneOffset.UTC)), null);
    }

    /**
     * @param policy   severities and waivers applied to the findings, before anything is scored
     * @param previous the previous run's scorecard to say what changed, or null
     */
    public static Scorecard assemble(Run run, List<GroupOutcome> outcomes, List<ChaosResult> chaos, FindingPolicy policy,
                                     Scorecard previous) {
        List<MemberResult> members = new ArrayList<>();
        List<Rollout> rollouts = new ArrayList<>();
        List<GroupSummary> groups = new ArrayList<>();
        List<GroupSummary> shells = new ArrayList<>();
        for (GroupOutcome g : outcomes) {
            shells.add(summary(g, g.error() == null ? g.members() : List.of(), null));
            if (g.error() == null) {
                members.addAll(g.members());
                rollouts.addAll(g.rollouts());
            }
        }
        FindingPolicy.Applied applied = policy.apply(Findings.derive(shells, members, chaos));
        List<Finding> findings = applied.findings();
        int discovered = 0;
        for (GroupOutcome g : outcomes) {
            List<ChaosResult> groupChaos = chaos.stream().filter(c -> c.group().equals(g.name())).toList();
            if (g.error() != null) {
                groups.add(summary(g, List.of(), Scoring.score(List.of(), groupChaos, findings, 1, 0)));
                continue;
            }
            discovered++;
            groups.add(summary(g, g.members(), Scoring.score(g.members(), groupChaos, findings, 1, 1)));
        }
        Score score = Scoring.score(members, chaos, findings, outcomes.size(), discovered);
        Set<String> audited = outcomes.stream().filter(g -> g.error() == null).map(GroupOutcome::name).collect(Collectors.toSet());
        Scorecard.Comparison comparison = previous == null ? null : Comparisons.compare(previous, findings, audited);
        return new Scorecard(Scorecard.SCHEMA_VERSION, run.runId(), run.startedAt(), run.finishedAt(), run.mode(), score, groups,
                members, chaos, rollouts, run.complete(), run.seed(), findings, comparison, applied.unused());
    }

    /** A group's summary; {@code score} null while findings are still being derived from it. */
    private static GroupSummary summary(GroupOutcome g, List<MemberResult> members, Score score) {
        Score s = score != null ? score : new Score(0, 0, null, 0, "F");
        if (g.error() != null) {
            return new GroupSummary(g.name(), g.provider(), null, 0, s, Map.of(), g.error());
        }
        return new GroupSummary(g.name(), g.provider(), g.mutability(), members.size(), s, StatusCounts.of(members), null,
                g.expected() == null ? null : g.expected().members(), g.expected() == null ? null : g.expected().from(),
                g.inService(), g.unaudited());
    }
}
