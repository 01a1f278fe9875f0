package dev.phoenix.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The result of one audit: the stable contract that exporters format and CI gates on.
 * See {@code scorecard.schema.json} beside this class for every field.
 *
 * @param mode          {@code leashed} (chaos was a dry run or off) or {@code unleashed}
 * @param complete      false when the run was cut short (shutdown deadline) or lost a provider; what was measured is still here
 * @param seed          the random seed of the run, so that it can be repeated
 * @param findings      what to act on, derived from groups, members and experiments ({@link Findings}) when not given
 * @param comparison    what changed since the previous run, or null when there was none to compare with
 * @param unusedWaivers waivers that matched no finding of this run
 * @param proofs        each immutable group's reproducibility proof (proven, stale, never proven); empty when not assessed
 */
public record Scorecard(int schemaVersion, String runId, Instant startedAt, Instant finishedAt, String mode,
                        Score score, List<GroupSummary> groups, List<MemberResult> members, List<ChaosResult> chaos,
                        List<Rollout> rollouts, boolean complete, Long seed, List<Finding> findings, Comparison comparison,
                        List<UnusedWaiver> unusedWaivers, List<GroupProof> proofs) {

    public static final int SCHEMA_VERSION = 1;

    public Scorecard {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(score, "score");
        groups = List.copyOf(groups);
        members = List.copyOf(members);
        chaos = List.copyOf(chaos);
        rollouts = rollouts == null ? List.of() : List.copyOf(rollouts);
        findings = findings == null ? Findings.derive(groups, members, chaos) : List.copyOf(findings);
        unusedWaivers = unusedWaivers == null ? List.of() : List.copyOf(unusedWaivers);
        proofs = proofs == null ? List.of() : List.copyOf(proofs);
    }

    /** A scorecard without proofs. */
    public Scorecard(int schemaVersion, String runId, Instant startedAt, Instant finishedAt, String mode, Score score,
                     List<GroupSummary> groups, List<MemberResult> members, List<ChaosResult> chaos, List<Rollout> rollouts,
                     boolean complete, Long seed, List<Finding> findings, Comparison comparison, List<UnusedWaiver> unusedWaivers) {
        this(schemaVersion, runId, startedAt, finishedAt, mode, score, groups, members, chaos, rollouts, complete, seed, findings,
                comparison, unusedWaivers, List.of());
    }

    /** A scorecard whose findings are derived, with nothing to compare and no waivers. */
    public Scorecard(int schemaVersion, String runId, Instant startedAt, Instant finishedAt, String mode, Score score,
                     List<GroupSummary> groups, List<MemberResult> members, List<ChaosResult> chaos, List<Rollout> rollouts,
                     boolean complete, Long seed) {
        this(schemaVersion, runId, startedAt, finishedAt, mode, score, groups, members, chaos, rollouts, complete, seed, null, null,
                List.of());
    }

    /**
     * Members, chaos experiments and groups with at least one finding that is not waived: the count
     * a run's exit code, the summary and the JUnit failures go by.
     */
    public long findingCount() {
        return findings.stream().filter(f -> !f.waived()).map(Finding::subject).distinct().count();
    }

    public long count(MemberStatus status) {
        return StatusCounts.of(members).getOrDefault(status, 0);
    }

    public long count(ChaosVerdict verdict) {
        return chaos.stream().filter(c -> c.verdict() == verdict).count();
    }

    /** The same scorecard with other findings (severities and waivers applied), comparison and unused waivers. */
    public Scorecard with(List<Finding> newFindings, Comparison newComparison, List<UnusedWaiver> unused) {
        return new Scorecard(schemaVersion, runId, startedAt, finishedAt, mode, score, groups, members, chaos, rollouts, complete, seed,
                newFindings, newComparison, unused, proofs);
    }

    /** The same scorecard with the groups' reproducibility proofs. */
    public Scorecard withProofs(List<GroupProof> newProofs) {
        return new Scorecard(schemaVersion, runId, startedAt, finishedAt, mode, score, groups, members, chaos, rollouts, complete, seed,
                findings, comparison, unusedWaivers, newProofs);
    }

    /**
     * What changed since the previous run.
     *
     * @param previousRunId the run compared with
     * @param newFindings   ids of findings the previous run did not have
     * @param stillOpen     ids of findings both runs have
     * @param resolved      the previous run's findings this run no longer has
     */
    public record Comparison(String previousRunId, Instant previousStartedAt, List<String> newFindings, List<String> stillOpen,
                             List<Finding> resolved) {
        public Comparison {
            Objects.requireNonNull(previousRunId, "previousRunId");
            newFindings = List.copyOf(newFindings);
            stillOpen = List.copyOf(stillOpen);
            resolved = List.copyOf(resolved);
        }
    }

    /** A waiver of the waivers file that matched nothing in this run. */
    public record UnusedWaiver(String group, String member, String fact, String justification, String by, LocalDate expires) {
    }
}
