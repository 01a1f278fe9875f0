package dev.phoenix.drift;

import dev.phoenix.model.Fingerprint;
import dev.phoenix.report.MemberResult;
import dev.phoenix.report.Rollout;
import java.util.List;
import java.util.Map;

/**
 * The verdicts on one group's members.
 *
 * @param results one per member, in discovery order
 * @param rollouts provenance changes found (re-baselined, not drift)
 * @param goldens  the golden fingerprint per provenance that immutable members were judged against
 */
public record GroupJudgement(List<MemberResult> results, List<Rollout> rollouts, Map<String, Fingerprint> goldens) {

    public GroupJudgement {
        results = List.copyOf(results);
        rollouts = List.copyOf(rollouts);
        goldens = Map.copyOf(goldens);
    }
}
