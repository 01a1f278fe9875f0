package dev.phoenix.observe;

import dev.phoenix.model.Member;
import io.vertx.core.Future;
import java.util.List;

/**
 * Where a group's discovered members are probed: on this node (the default, no dispatch at all),
 * or spread in batches over the nodes of a cluster ({@code dev.phoenix.cluster.ClusterDispatch}).
 * Never fails: a member no node could probe is an {@link Observed} with the reason as its error.
 *
 * <pre>{@code
 * Prober prober = new Prober(limiter, timeout, progress, (group, members) -> sendToNodes(group, members));
 * }</pre>
 */
@FunctionalInterface
public interface Dispatch {

    /** Probes {@code members} of {@code group}; the result holds one observation per member, in the same order. */
    Future<List<Observed>> probe(GroupRuntime group, List<Member> members);
}
