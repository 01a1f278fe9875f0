package dev.phoenix.audit;

import dev.phoenix.baseline.GroupBaselines;
import dev.phoenix.drift.GroupJudgement;
import dev.phoenix.observe.GroupRuntime;
import dev.phoenix.observe.Observed;
import java.util.List;

/**
 * One group after discovery, probing and judgement.
 *
 * @param judgement null when the group could not be discovered
 * @param baselines the group's baselines as this run saved them, to read (goldens); null when not loaded
 * @param error     why discovery failed, or null
 */
public record GroupAudit(GroupRuntime runtime, List<Observed> observed, GroupJudgement judgement,
                         GroupBaselines baselines, String error) {

    public GroupAudit {
        observed = List.copyOf(observed);
    }

    public String name() {
        return runtime.name();
    }
}
