package dev.phoenix.fleet;

import dev.phoenix.model.Member;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;

/**
 * The members of one configured group, as one provider sees them.
 *
 * <pre>{@code
 * Fleet fleet = factories.get("simulated", path).create(spec, ctx);
 * fleet.discover()
 *      .compose(members -> fleet.replace(members.get(0), Duration.ofMinutes(10)))
 *      .onSuccess(replacement -> LOG.info("replaced by {}", replacement.id()));
 * }</pre>
 *
 * <p>Every method returns a Vert.x {@link Future} and never blocks the event loop.
 */
public interface Fleet {

    /** The provider name written into members and reports ({@code simulated}, {@code aws}, {@code docker}, ...). */
    String provider();

    /**
     * The group's current members, those not in service included ({@link Member#notInService}: a
     * stopped container, a stopped instance its Auto Scaling group still lists). Fails only when the
     * provider cannot be asked at all.
     */
    Future<List<Member>> discover();

    /**
     * How many members the group should have, when the provider knows (an Auto Scaling group's
     * desired capacity, a {@code phoenix.replicas} label, an inventory's host list), as learned by the
     * last {@link #discover()}; empty otherwise. Guardrails count against it.
     */
    default java.util.Optional<Integer> expectedSize() {
        return java.util.Optional.empty();
    }

    /**
     * Terminates {@code victim} and brings up its replacement from the same image or spec,
     * completing with the replacement once the provider reports it in service. Fails with a
     * message naming what went wrong; the caller applies its own deadline too.
     */
    Future<Member> replace(Member victim, Duration timeout);

    /**
     * What a member launched into the group now would be built from (for an Auto Scaling group: the
     * AMI and launch-template version it launches), as learned by the last {@link #discover()};
     * empty when the provider has no such notion. When it changes between two audits the group is
     * reported as a rollout, even before any member was replaced.
     */
    default java.util.Optional<String> targetProvenance() {
        return java.util.Optional.empty();
    }

    /**
     * The parts of the group that could not be asked in the last {@link #discover()}, which still
     * returned the members of the others: an AWS account whose role could not be assumed, a region
     * that refused. Each is a finding for that account and region; the members the previous run saw
     * there are neither missing nor baselined anew. Empty when every part answered.
     */
    default java.util.List<Unaudited> unaudited() {
        return java.util.List.of();
    }

    /**
     * A part of a group that was not audited.
     *
     * @param account the AWS account, or null when it is not one account (an organization that could not be listed)
     * @param region  the region, or null for every region of the account
     * @param code    the provider's error code ({@code AccessDenied}), or null when it gave none
     * @param message one line saying what failed
     */
    record Unaudited(String account, String region, String code, String message) {
        public Unaudited {
            java.util.Objects.requireNonNull(message, "message");
        }

        /** Whether a member of this account and region lies in the part that was not audited. */
        public boolean covers(String memberAccount, String memberRegion) {
            return (account == null || account.equals(memberAccount)) && (region == null || region.equals(memberRegion));
        }
    }

    /**
     * Every provenance new members are built from now, when the group spans places that each launch
     * their own (an Auto Scaling group of one name in several AWS accounts, each with its own launch
     * template): each may become a golden. By default the one {@link #targetProvenance()}, if any.
     */
    default java.util.Set<String> targetProvenances() {
        return targetProvenance().map(java.util.Set::of).orElse(java.util.Set.of());
    }

    /** Releases clients and servers. */
    default Future<Void> close() {
        return Future.succeededFuture();
    }

    /** Signals that the provider could not be reached at all (exit code 3), as opposed to a partial failure. */
    final class UnreachableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UnreachableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
