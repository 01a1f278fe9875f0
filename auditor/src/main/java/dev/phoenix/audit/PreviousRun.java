package dev.phoenix.audit;

import dev.phoenix.report.ChaosResult;
import dev.phoenix.report.ChaosVerdict;
import dev.phoenix.report.GroupSummary;
import dev.phoenix.report.MemberResult;
import dev.phoenix.report.MemberStatus;
import dev.phoenix.report.Scorecard;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the previous run recorded in the store's history, as this run needs it: which members
 * each group had (to tell the ones that went missing), how many it should have, and which
 * members Phoenix itself terminated.
 *
 * <pre>{@code
 * PreviousRun previous = history.latest().map(found -> found.map(PreviousRun::new).orElse(null));
 * previous.members("web")          // what the previous run saw of web (its MISSING members included)
 * previous.expectedSize("web")     // Optional[3]
 * }</pre>
 */
public record PreviousRun(Scorecard scorecard) {

    public PreviousRun {
        Objects.requireNonNull(scorecard, "scorecard");
    }

    public String runId() {
        return scorecard.runId();
    }

    /** The members the previous run listed in {@code group}, MISSING ones included. */
    public List<MemberResult> members(String group) {
        return scorecard.members().stream().filter(m -> m.group().equals(group)).toList();
    }

    /** When the previous run last saw {@code m}: its start, or the earlier time a MISSING member was last seen. */
    public Instant lastSeen(MemberResult m) {
        return m.status() == MemberStatus.MISSING && m.lastSeen() != null ? m.lastSeen() : scorecard.startedAt();
    }

    /**
     * How many members {@code group} should have by the previous run: the expected size it recorded,
     * else the members it found; empty when it did not audit the group.
     */
    public Optional<Integer> expectedSize(String group) {
        Optional<GroupSummary> g = scorecard.groups().stream().filter(s -> s.name().equals(group) && s.error() == null).findFirst();
        if (g.isEmpty()) {
            return Optional.empty();
        }
        if (g.get().expectedMembers() != null) {
            return Optional.of(g.get().expectedMembers());
        }
        return Optional.of((int) members(group).stream().filter(m -> m.status() != MemberStatus.MISSING).count());
    }

    /** Members of {@code group} that the previous run's chaos terminated (or tried to): gone by Phoenix's hand, not missing. */
    public Set<String> terminatedByChaos(String group) {
        return scorecard.chaos().stream()
                .filter(c -> c.group().equals(group) && c.verdict() != ChaosVerdict.SKIPPED && c.victim() != null)
                .map(ChaosResult::victim).collect(Collectors.toSet());
    }
}
