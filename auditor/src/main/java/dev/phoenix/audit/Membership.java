package dev.phoenix.audit;

import dev.phoenix.observe.GroupRuntime;
import dev.phoenix.observe.Observed;
import dev.phoenix.report.MemberResult;
import dev.phoenix.report.MemberStatus;
import dev.phoenix.score.ExpectedSize;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a group should be, against what it is: its expected size (the provider's, the config's,
 * else the previous run's), and the members the previous run saw that are gone now although
 * Phoenix did not terminate them and the group is short: MISSING, with when they were last seen
 * and their last fingerprint. A member gone from a group that still has all its members was
 * replaced by its provider (an Auto Scaling group healing itself): no finding.
 *
 * <pre>{@code
 * ExpectedSize expected = Membership.expected(group, previous);                 // 3, from the provider
 * List<MemberResult> missing = Membership.missing(group, observed, expected, previous);
 * }</pre>
 */
public final class Membership {

    private Membership() {
    }

    /** The group's expected size, or null when neither the provider, the config nor a previous run says. */
    public static ExpectedSize expected(GroupRuntime g, PreviousRun previous) {
        var provider = g.fleet().expectedSize();
        if (provider.isPresent()) {
            return ExpectedSize.of(provider.get(), ExpectedSize.PROVIDER);
        }
        if (g.expectedMembers() != null) {
            return ExpectedSize.of(g.expectedMembers(), ExpectedSize.CONFIG);
        }
        if (previous != null) {
            return previous.expectedSize(g.name()).map(n -> ExpectedSize.of(n, ExpectedSize.PREVIOUS_RUN)).orElse(null);
        }
        return null;
    }

    /** The previous run's members of {@code g} that are missing now, as MISSING results. */
    public static List<MemberResult> missing(GroupRuntime g, List<Observed> observed, ExpectedSize expected, PreviousRun previous) {
        if (previous == null || expected == null || observed.size() >= expected.members()) {
            return List.of();
        }
        Set<String> present = observed.stream().map(o -> o.member().id()).collect(Collectors.toSet());
        Set<String> terminated = previous.terminatedByChaos(g.name());
        // a member of an account or region that could not be asked this time is not missing: nobody looked
        List<dev.phoenix.fleet.Fleet.Unaudited> unaudited = g.fleet().unaudited();
        List<MemberResult> missing = new ArrayList<>();
        for (MemberResult m : previous.members(g.name())) {
            if (present.contains(m.id()) || terminated.contains(m.id())
                    || unaudited.stream().anyMatch(u -> u.covers(m.account(), m.region()))) {
                continue;
            }
            missing.add(new MemberResult(m.id(), m.name(), m.account(), m.region(), m.group(), m.provider(), m.mutability(), m.kind(),
                    MemberStatus.MISSING, m.provenance(), m.fingerprint(), List.of(), List.of(),
                    "not seen since " + previous.lastSeen(m) + "; Phoenix did not terminate it",
                    previous.lastSeen(m)));
        }
        return missing;
    }
}
