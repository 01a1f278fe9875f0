package dev.phoenix.drift;

import dev.phoenix.observe.Observed;
import dev.phoenix.baseline.GroupBaselines;
import dev.phoenix.model.Change;
import dev.phoenix.model.Drift;
import dev.phoenix.model.Fingerprint;
import dev.phoenix.model.Member;
import dev.phoenix.model.Mutability;
import dev.phoenix.report.MemberResult;
import dev.phoenix.report.MemberStatus;
import dev.phoenix.report.Rollout;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decides each member's status.
 *
 * <ul>
 *   <li>Mutable hosts are compared with their own baseline. A host seen for the first time, or
 *       whose provenance changed (re-imaged), gets a fresh baseline: {@code BASELINED}.</li>
 *   <li>Immutable members are compared with their group's golden fingerprint for their
 *       provenance. The golden is the stored one, or, the first time a provenance is seen, the
 *       consensus (the fingerprint most members share among those that report no in-place change,
 *       {@link dev.phoenix.model.Fact.Kind#IN_PLACE} facts such as {@code docker.diff./etc/app.conf}:
 *       a golden is what the image gives, so a container changed in place is MUTATED even when it is
 *       its group's only member).</li>
 *   <li>The group's provenance is what its fleet says new members are built from
 *       ({@link dev.phoenix.fleet.Fleet#targetProvenance()}, e.g. an Auto Scaling group's AMI and
 *       launch-template version) or, when the fleet has no such notion, the provenance most
 *       immutable members share (on a tie, the one it had). When it changes the group is reported as a
 *       rollout, not drift, even before any member was replaced; members built from the old provenance
 *       are still judged against that provenance's golden. A provenance that is neither the group's
 *       nor already has a golden (a lone container recreated from another image) is never made golden
 *       by consensus: its members are MUTATED until the group moves to it or someone accepts it.</li>
 * </ul>
 *
 * Captures are written into {@code baselines}; {@link dev.phoenix.baseline.Baselines#update} saves them.
 */
public final class DriftJudge {

    private static final String AUTO = "phoenix";

    private DriftJudge() {
    }

    public static GroupJudgement judge(String group, List<Observed> observed, GroupBaselines baselines, Instant now) {
        return judge(group, observed, null, baselines, now);
    }

    /**
     * @param target what the group's fleet builds new members from, or null when it cannot tell
     */
    public static GroupJudgement judge(String group, List<Observed> observed, String target, GroupBaselines baselines,
                                       Instant now) {
        return judgeTargets(group, observed, target == null || target.isEmpty() ? java.util.Set.of() : java.util.Set.of(target),
                baselines, now);
    }

    /**
     * @param targets what the group's fleet builds new members from ({@link dev.phoenix.fleet.Fleet#targetProvenances()}):
     *                one, none when it cannot tell, or one per place when the group spans several (AWS accounts and
     *                regions, each launching from its own template). With several, each may become a golden, and no
     *                group-wide rollout is reported (each member is still judged against its own provenance's golden).
     */
    public static GroupJudgement judgeTargets(String group, List<Observed> observed, java.util.Set<String> targets,
                                       GroupBaselines baselines, Instant now) {
        Map<String, MemberResult> results = new LinkedHashMap<>();
        List<Rollout> rollouts = new ArrayList<>();
        Map<String, List<Observed>> immutableByProvenance = new LinkedHashMap<>();

        for (Observed o : observed) {
            Member m = o.member();
            if (!o.reachable()) {
                results.put(m.id(), result(m, MemberStatus.UNREACHABLE, null, List.of(), o, null));
            } else if (m.mutability() == Mutability.MUTABLE) {
                results.put(m.id(), judgeMutable(o, baselines, rollouts, now));
            } else {
                immutableByProvenance.computeIfAbsent(m.provenance(), p -> new ArrayList<>()).add(o);
                results.put(m.id(), null); // keeps discovery order; filled below
            }
        }

        Map<String, Fingerprint> goldens = new HashMap<>();
        String previous = baselines.currentProvenance();
        String current = targets.size() == 1 ? targets.iterator().next()
                : targets.isEmpty() ? majority(immutableByProvenance, previous) : null;
        java.util.Set<String> buildable = targets.size() > 1 ? targets : current == null ? java.util.Set.of() : java.util.Set.of(current);
        for (Map.Entry<String, List<Observed>> e : immutableByProvenance.entrySet()) {
            String provenance = e.getKey();
            if (baselines.golden(provenance).isEmpty() && !buildable.contains(provenance)) {
                // a new image only becomes a golden when the group moves to it (its target, or most of its members):
                // a lone container recreated from another image is not a rollout
                for (Observed o : e.getValue()) {
                    results.put(o.member().id(), result(o.member(), MemberStatus.MUTATED, o.fingerprint(), List.of(), o,
                            "built from " + describe(provenance) + ", which " + e.getValue().size() + " of "
                                    + immutableCount(immutableByProvenance) + " members run and no golden fingerprint was accepted for; "
                                    + "the group " + (targets.size() > 1 ? "launches " + targets.size() + " others"
                                    : current == null ? "has no majority provenance" : "runs " + describe(current))
                                    + " (accept it with 'phoenix baseline accept --member " + o.member().id() + "')"));
                }
                continue;
            }
            judgeImmutable(provenance, e.getValue(), baselines, now, goldens, results);
        }
        if (current != null) {
            if (previous != null && !previous.equals(current) && baselines.golden(previous).isPresent()) {
                rollouts.add(new Rollout(group, null, previous, current));
            }
            baselines.currentProvenance(current);
        }
        return new GroupJudgement(new ArrayList<>(results.values()), rollouts, goldens);
    }

    /**
     * The provenance most immutable members share; on a tie the one the group had before, if it is among
     * the tied, else none.
     */
    private static String majority(Map<String, List<Observed>> byProvenance, String previous) {
        int max = byProvenance.values().stream().mapToInt(List::size).max().orElse(0);
        List<String> leaders = byProvenance.entrySet().stream().filter(e -> e.getValue().size() == max).map(Map.Entry::getKey).toList();
        if (leaders.size() == 1) {
            return leaders.get(0);
        }
        return previous != null && leaders.contains(previous) ? previous : null;
    }

    private static int immutableCount(Map<String, List<Observed>> byProvenance) {
        return byProvenance.values().stream().mapToInt(List::size).sum();
    }

    private static MemberResult judgeMutable(Observed o, GroupBaselines baselines, List<Rollout> rollouts, Instant now) {
        Member m = o.member();
        Fingerprint fp = o.fingerprint();
        var captured = baselines.member(m.id());
        if (captured.isEmpty()) {
            baselines.putMember(m.id(), fp, m.provenance(), now, AUTO, "first seen");
            return result(m, MemberStatus.BASELINED, fp, List.of(), o, "first seen: baseline captured");
        }
        String was = captured.get().entry().provenance();
        if (!was.isEmpty() && !m.provenance().isEmpty() && !was.equals(m.provenance())) {
            rollouts.add(new Rollout(m.group(), m.id(), was, m.provenance()));
            baselines.putMember(m.id(), fp, m.provenance(), now, AUTO, "rollout from " + was + " to " + m.provenance());
            return result(m, MemberStatus.BASELINED, fp, List.of(), o,
                    "rollout from " + was + " to " + m.provenance() + ": baseline re-captured");
        }
        List<Drift> drift = captured.get().fingerprint().diff(fp);
        return result(m, drift.isEmpty() ? MemberStatus.CONSISTENT : MemberStatus.DRIFTED, fp, drift, o, null);
    }

    private static void judgeImmutable(String provenance, List<Observed> members, GroupBaselines baselines, Instant now,
                                       Map<String, Fingerprint> goldens, Map<String, MemberResult> results) {
        var stored = baselines.golden(provenance);
        if (stored.isPresent()) {
            Fingerprint golden = stored.get().fingerprint();
            goldens.put(provenance, golden);
            for (Observed o : members) {
                List<Drift> drift = golden.diff(o.fingerprint());
                results.put(o.member().id(), result(o.member(), drift.isEmpty() ? MemberStatus.CONSISTENT : MemberStatus.MUTATED,
                        o.fingerprint(), drift, o, null));
            }
            return;
        }
        // A golden is what the image gives: only members that report no in-place change (such as
        // docker.diff./etc/app.conf) may define it, so a member changed in place is MUTATED even when
        // it is alone or every member was changed alike, and its changes never become the norm.
        List<Observed> pristine = members.stream().filter(o -> !o.fingerprint().changedInPlace()).toList();
        if (pristine.isEmpty()) {
            for (Observed o : members) {
                Fingerprint fp = o.fingerprint();
                List<Drift> drift = fp.inPlaceKeys().stream()
                        .map(k -> new Drift(k, null, fp.facts().get(k), Change.ADDED)).toList();
                results.put(o.member().id(), result(o.member(), MemberStatus.MUTATED, o.fingerprint(), drift, o,
                        "changed in place since it was created from " + describe(provenance) + "; no golden fingerprint "
                                + "captured: no member of " + describe(provenance) + " is unchanged"));
            }
            return;
        }
        Consensus consensus = consensus(members, pristine);
        if (consensus.golden() == null) {
            for (Observed o : members) {
                results.put(o.member().id(), result(o.member(), MemberStatus.MUTATED, o.fingerprint(), List.of(), o,
                        "no golden fingerprint for " + describe(provenance) + ": " + members.size() + " members show "
                                + consensus.states() + " different states and none is in the majority; accept one with "
                                + "'phoenix baseline accept'"));
            }
            return;
        }
        Fingerprint golden = consensus.golden();
        goldens.put(provenance, golden);
        String reason = consensus.reason();
        baselines.putGolden(golden, provenance, now, AUTO, reason);
        for (Observed o : members) {
            List<Drift> drift = golden.diff(o.fingerprint());
            results.put(o.member().id(), drift.isEmpty()
                    ? result(o.member(), MemberStatus.BASELINED, o.fingerprint(), List.of(), o,
                    "golden fingerprint for " + describe(provenance) + " captured (" + reason + ")")
                    : result(o.member(), MemberStatus.MUTATED, o.fingerprint(), drift, o,
                    drift.stream().allMatch(d -> o.fingerprint().inPlace(d.fact()) || golden.inPlace(d.fact()))
                            ? "changed in place since it was created from " + describe(provenance)
                            : "differs from the " + reason));
        }
    }

    /**
     * The golden fingerprint a provenance's members agree on: the fingerprint most of its pristine
     * members share (none when two states tie, or when no member is pristine).
     *
     * @param states how many different states the pristine members show
     * @param reason {@code consensus of 3 of 4 members (3 unchanged in place)}
     */
    record Consensus(Fingerprint golden, int states, String reason) {
    }

    static Consensus consensus(List<Observed> members, List<Observed> pristine) {
        Map<String, Integer> counts = new HashMap<>();
        Map<String, Fingerprint> byDigest = new HashMap<>();
        for (Observed o : pristine) {
            counts.merge(o.fingerprint().digest(), 1, Integer::sum);
            byDigest.putIfAbsent(o.fingerprint().digest(), o.fingerprint());
        }
        int max = counts.values().stream().max(Integer::compare).orElse(0);
        List<String> leaders = counts.entrySet().stream().filter(e -> e.getValue() == max).map(Map.Entry::getKey).toList();
        if (leaders.size() != 1) {
            return new Consensus(null, counts.size(), null);
        }
        return new Consensus(byDigest.get(leaders.get(0)), counts.size(), "consensus of " + max + " of " + members.size() + " members"
                + (pristine.size() < members.size() ? " (" + pristine.size() + " unchanged in place)" : ""));
    }

    /**
     * What {@code phoenix baseline capture} of a whole group records: each reachable mutable host's
     * state as its baseline, and for each provenance the state its pristine members agree on as the
     * golden fingerprint, all by {@code by}.
     *
     * @param note what each captured entry says, from what was captured ({@code captured}, or
     *             {@code captured (consensus of 3 of 3 members)} for a golden)
     * @return how many member baselines and golden fingerprints were captured
     */
    public static Captured capture(List<Observed> observed, String target, GroupBaselines baselines, Instant now, String by,
                                   java.util.function.UnaryOperator<String> note) {
        int members = 0;
        int goldens = 0;
        Map<String, List<Observed>> immutableByProvenance = new LinkedHashMap<>();
        for (Observed o : observed) {
            if (!o.reachable()) {
                continue;
            }
            if (o.member().mutability() == Mutability.MUTABLE) {
                baselines.putMember(o.member().id(), o.fingerprint(), o.member().provenance(), now, by, note.apply("captured"));
                members++;
            } else {
                immutableByProvenance.computeIfAbsent(o.member().provenance(), p -> new ArrayList<>()).add(o);
            }
        }
        String busiest = null;
        int busiestCount = -1;
        for (Map.Entry<String, List<Observed>> e : immutableByProvenance.entrySet()) {
            if (e.getValue().size() > busiestCount) {
                busiest = e.getKey();
                busiestCount = e.getValue().size();
            }
            List<Observed> pristine = e.getValue().stream().filter(o -> !o.fingerprint().changedInPlace()).toList();
            Consensus consensus = consensus(e.getValue(), pristine);
            if (consensus.golden() != null) {
                baselines.putGolden(consensus.golden(), e.getKey(), now, by, note.apply("captured (" + consensus.reason() + ")"));
                goldens++;
            }
        }
        String current = target != null && !target.isEmpty() ? target : busiest;
        if (current != null) {
            baselines.currentProvenance(current);
        }
        return new Captured(members, goldens);
    }

    /** What a capture recorded. */
    public record Captured(int members, int goldens) {
    }

    private static String describe(String provenance) {
        return provenance.isEmpty() ? "the group" : provenance;
    }

    private static MemberResult result(Member m, MemberStatus status, Fingerprint fp, List<Drift> drift, Observed o, String note) {
        Objects.requireNonNull(status);
        return new MemberResult(m.id(), m.name(), m.attribute("account"), m.attribute("region"), m.group(), m.provider(),
                m.mutability().label(), m.kind().label(), status,
                m.provenance(), fp == null ? null : fp.digest(), drift, o.errors(), note);
    }
}
