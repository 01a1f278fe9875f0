package dev.phoenix.audit;

import dev.phoenix.baseline.GroupBaselines;
import dev.phoenix.drift.GroupJudgement;
import dev.phoenix.observe.GroupRuntime;
import dev.phoenix.observe.Observed;
import dev.phoenix.report.MemberResult;
import dev.phoenix.score.ExpectedSize;
import java.util.List;

/**
 * One group after discovery, probing and judgement.
 *
 * @param judgement null when the group could not be discovered
 * @param baselines the group's baselines as this run saved them, to read (goldens); null when not loaded
 * @param error     why discovery failed, or null
 * @param expected  how many members the group should have and who says so; null when nothing does
 * @param missing   the previous run's members that are gone now (MISSING results)
 */
public record GroupAudit(GroupRuntime runtime, List<Observed> observed, GroupJudgement judgement,
                         GroupBaselines baselines, String error, ExpectedSize expected, List<MemberResult> missing) {

    public GroupAudit {
        observed = List.copyOf(observed);
        missing = missing == null ? List.of() : List.copyOf(missing);
    }

    /** A group that could not be audited. */
    public GroupAudit(GroupRuntime runtime, String error) {
        this(runtime, List.of(), null, null, error, null, List.of());
    }

    /** Every member's result: those observed, in discovery order, then the missing ones. */
    public List<MemberResult> members() {
        if (missing.isEmpty()) {
            return judgement.results();
        }
        List<MemberResult> all = new java.util.ArrayList<>(judgement.results());
        all.addAll(missing);
        return all;
    }

    public String name() {
        return runtime.name();
    }
}
