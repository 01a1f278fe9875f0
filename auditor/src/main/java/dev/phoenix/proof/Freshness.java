package dev.phoenix.proof;

import dev.phoenix.report.GroupProof;
import dev.phoenix.report.ProofStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Whether a group's reproducibility proof holds: PROVEN when, for every provenance its immutable
 * members run now, an experiment reproduced a member of that provenance less than
 * {@code chaos.proof-ttl} ago; STALE when the group was proven once but a provenance it runs has
 * no proof (a rollout since: {@code provenance-changed}) or only one older than the TTL
 * ({@code expired}); NEVER_PROVEN when no experiment ever reproduced a member of it.
 *
 * <pre>{@code
 * GroupProof p = Freshness.assess("web", List.of("web:2.0"), book.get("web"), now, Duration.ofDays(7));
 * p.status()   // STALE, p.stale() = "provenance-changed" when the proofs are all for web:1.0
 * }</pre>
 */
public final class Freshness {

    /** The order {@code chaos.target: stale-first} draws groups in: never proven, then stale, then proven; oldest proof first. */
    public static final Comparator<GroupProof> MOST_URGENT_FIRST = Comparator
            .comparing((GroupProof p) -> p.status() == ProofStatus.NEVER_PROVEN ? 0 : p.status() == ProofStatus.STALE ? 1 : 2)
            .thenComparing(GroupProof::provenAt, Comparator.nullsFirst(Comparator.<Instant>naturalOrder()));

    private Freshness() {
    }

    /**
     * @param provenances the provenances the group's immutable members run now (nulls and blanks are ignored)
     * @param proofs      the group's proofs, in any order; null for none
     */
    public static GroupProof assess(String group, Collection<String> provenances, List<Proof> proofs, Instant now, Duration ttl) {
        TreeSet<String> current = new TreeSet<>();
        for (String p : provenances) {
            if (p != null && !p.isBlank()) {
                current.add(p);
            }
        }
        List<Proof> all = proofs == null ? List.of() : proofs.stream().sorted(Comparator.comparing(Proof::provenAt).reversed()).toList();
        List<String> runs = List.copyOf(current);
        if (all.isEmpty()) {
            return new GroupProof(group, ProofStatus.NEVER_PROVEN, runs, null, null, null, null, null, null, null,
                    "no experiment has reproduced a member of group " + group + " yet");
        }
        Proof oldestCovering = null;
        String uncovered = null;
        String expired = null;
        for (String p : current) {
            Optional<Proof> latest = all.stream().filter(x -> x.provenance().equals(p)).findFirst();
            if (latest.isEmpty()) {
                uncovered = uncovered == null ? p : uncovered;
                continue;
            }
            if (!latest.get().provenAt().plus(ttl).isAfter(now)) {
                expired = expired == null ? p : expired;
            }
            if (oldestCovering == null || latest.get().provenAt().isBefore(oldestCovering.provenAt())) {
                oldestCovering = latest.get();
            }
        }
        if (current.isEmpty() || uncovered != null) {
            Proof last = all.get(0);
            String now0 = current.isEmpty() ? "no provenance is known for its members" : "it now runs " + uncovered;
            return proof(group, ProofStatus.STALE, runs, "provenance-changed", last, ttl,
                    "last proven for " + last.provenance() + " at " + last.provenAt() + " (run " + last.runId() + "); " + now0
                            + ", which no experiment has reproduced");
        }
        if (expired != null) {
            return proof(group, ProofStatus.STALE, runs, "expired", oldestCovering, ttl,
                    "last proven for " + expired + " at " + oldestCovering.provenAt() + " (run " + oldestCovering.runId()
                            + "); the proof expired at " + oldestCovering.provenAt().plus(ttl) + " (chaos.proof-ttl " + ttl + ")");
        }
        return proof(group, ProofStatus.PROVEN, runs, null, oldestCovering, ttl,
                "proven for " + String.join(", ", current) + ": " + oldestCovering.victim() + " was replaced by "
                        + oldestCovering.replacement() + " and it matched at " + oldestCovering.provenAt() + " (run "
                        + oldestCovering.runId() + "); fresh until " + oldestCovering.provenAt().plus(ttl));
    }

    private static GroupProof proof(String group, ProofStatus status, List<String> current, String stale, Proof p, Duration ttl,
                                    String reason) {
        return new GroupProof(group, status, current, stale, p.provenance(), p.provenAt(), p.runId(), p.victim(), p.replacement(),
                p.provenAt().plus(ttl), reason);
    }
}
