package dev.phoenix.proof;

import dev.phoenix.report.GroupProof;
import dev.phoenix.report.GroupSummary;
import dev.phoenix.report.MemberResult;
import dev.phoenix.report.MemberStatus;
import dev.phoenix.report.Scorecard;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a run: records the proofs its experiments made in the {@link ProofBook}, then tells each
 * immutable group's freshness ({@link Freshness}) in the scorecard's {@code proofs}. The
 * provenances a group runs are those of its immutable members as audited (before chaos). A book
 * that cannot be read or written costs the scorecard its {@code proofs} (said in the log), never
 * the run.
 *
 * <pre>{@code
 * keeper.settle(card, chaosRun.proven(), Duration.ofDays(7)).onSuccess(withProofs -> ...);
 * }</pre>
 */
public final class ProofKeeper {

    private static final Logger LOG = LoggerFactory.getLogger(ProofKeeper.class);

    private final ProofBook book;
    private final Clock clock;

    public ProofKeeper(ProofBook book, Clock clock) {
        this.book = book;
        this.clock = clock;
    }

    public ProofBook book() {
        return book;
    }

    public Future<Scorecard> settle(Scorecard card, List<Proof.Proven> proven, Duration ttl) {
        Instant now = clock.instant();
        return book.record(card.runId(), proven)
                .compose(v -> book.read())
                .map(all -> card.withProofs(assess(card, all, now, ttl)))
                .recover(e -> {
                    LOG.warn("proofs: {} could not be read or written, so this scorecard says nothing about proofs: {}",
                            book.describe(), e.getMessage());
                    return Future.succeededFuture(card);
                });
    }

    /** Each immutable group's freshness, in the scorecard's group order. */
    public static List<GroupProof> assess(Scorecard card, Map<String, List<Proof>> all, Instant now, Duration ttl) {
        List<GroupProof> out = new ArrayList<>();
        for (GroupSummary g : card.groups()) {
            if (g.error() != null) {
                continue;
            }
            TreeSet<String> provenances = new TreeSet<>();
            boolean immutable = false;
            for (MemberResult m : card.members()) {
                if (m.group().equals(g.name()) && "immutable".equals(m.mutability()) && m.status() != MemberStatus.MISSING) {
                    immutable = true;
                    if (m.provenance() != null) {
                        provenances.add(m.provenance());
                    }
                }
            }
            if (immutable) {
                out.add(Freshness.assess(g.name(), provenances, all.get(g.name()), now, ttl));
            }
        }
        return out;
    }
}
