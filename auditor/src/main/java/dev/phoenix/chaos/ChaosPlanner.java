package dev.phoenix.chaos;

import dev.phoenix.audit.GroupAudit;
import dev.phoenix.model.Mutability;
import dev.phoenix.observe.Observed;
import dev.phoenix.report.ChaosResult;
import dev.phoenix.report.MemberResult;
import dev.phoenix.report.MemberStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Draws the victims of one group: its opted-in members in a random order (the run's seeded
 * stream), members found MUTATED first when {@code chaos.target: mutated-first}. Guards decide
 * later which of them may really go.
 *
 * <pre>{@code
 * ChaosPlanner.Plan plan = planner.plan(audit);
 * plan.skipped()          // Optional[SKIPPED opt-in: no member of group web is opted in (...)] for an immutable group
 * plan.candidates()       // in the order they are tried
 * }</pre>
 */
final class ChaosPlanner {

    /**
     * A group's victims, in order.
     *
     * @param skipped   the experiment recorded when nothing can be drawn (no immutable member is opted in)
     * @param groupSize members the group has
     * @param inService members of the group that answered their probes
     */
    record Plan(List<Drawn> candidates, Optional<ChaosResult> skipped, int groupSize, int inService, int expected) {
    }

    /** One candidate and its status in this run. */
    record Drawn(Observed observed, MemberStatus status) {

        Candidate candidate(String group, int groupSize, int inService, int expected) {
            return new Candidate(group, observed.member(), observed.reachable(), groupSize, inService, expected);
        }
    }

    private final ChaosSettings settings;
    private final Random random;

    ChaosPlanner(ChaosSettings settings, Random random) {
        this.settings = settings;
        this.random = random;
    }

    Plan plan(GroupAudit audit) {
        Map<String, MemberStatus> status = new HashMap<>();
        for (MemberResult r : audit.judgement().results()) {
            status.put(r.id(), r.status());
        }
        List<Drawn> candidates = new ArrayList<>();
        boolean anyImmutable = false;
        for (Observed o : audit.observed()) {
            anyImmutable |= o.member().mutability() == Mutability.IMMUTABLE;
            if (o.member().chaosOptIn()) {
                candidates.add(new Drawn(o, status.get(o.member().id())));
            }
        }
        int inService = (int) audit.observed().stream().filter(Observed::reachable).count();
        int size = audit.observed().size();
        int expected = audit.expected() == null ? 0 : audit.expected().members();
        if (candidates.isEmpty()) {
            Optional<ChaosResult> skipped = anyImmutable ? Optional.of(ChaosResult.skipped(audit.name(), null, "opt-in",
                    "not injecting: opt-in: no member of group " + audit.name() + " is opted in (" + settings.optIn().describe() + ")"))
                    : Optional.empty();
            return new Plan(List.of(), skipped, size, inService, expected);
        }
        Collections.shuffle(candidates, random);
        if (settings.target() == ChaosSettings.Target.MUTATED_FIRST) {
            candidates.sort(Comparator.comparing(d -> d.status() != MemberStatus.MUTATED));
        }
        return new Plan(candidates, Optional.empty(), size, inService, expected);
    }
}
