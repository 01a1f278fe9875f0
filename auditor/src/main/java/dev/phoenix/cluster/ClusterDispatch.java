package dev.phoenix.cluster;

import dev.phoenix.model.Fingerprint;
import dev.phoenix.model.Member;
import dev.phoenix.model.ProbeError;
import dev.phoenix.observe.Dispatch;
import dev.phoenix.observe.GroupRuntime;
import dev.phoenix.observe.Observed;
import dev.phoenix.spi.Errors;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's side of cluster probing: a group's discovered members are cut into batches of
 * {@code cluster.batch}, and each batch goes over the event bus to a node that serves the members'
 * zone ({@link #zoneOf}): to the nodes of that zone, or, when the zone has none (left), to the nodes
 * of no zone, which serve every zone; members of no zone go to any node. A node has at most
 * {@value #SLOTS} batches in flight, so the batches of a zone spread over its nodes as they answer. A batch whose node leaves the cluster, fails or does not answer within the
 * batch deadline goes to another node of the zone; that node is not sent more of this group's
 * batches. When no node of the zone is left, the batch's members are UNREACHABLE with the reason.
 * Each member is observed exactly once in the result, whoever probed it.
 *
 * <pre>{@code
 * Dispatch dispatch = new ClusterDispatch(cluster, Map.of("web", "vpc-a"), 250, Duration.ofSeconds(60));
 * runtime.withDispatch(dispatch).run(PhoenixRuntime.Run.audit());
 * }</pre>
 *
 * Runs on the caller's event loop (the audit's); its state is confined to it.
 */
public final class ClusterDispatch implements Dispatch {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterDispatch.class);
    /** Batches in flight per node. */
    public static final int SLOTS = 2;
    /** The provider name on errors of members no node could probe. */
    static final String PROBE_NAME = "cluster";

    private final Cluster cluster;
    private final Map<String, String> groupZones;
    private final int batchSize;
    private final Duration batchDeadline;

    /**
     * @param groupZones    the {@code zone} of each group that names one
     * @param batchDeadline how long a node may take over one batch before it is given to another
     */
    public ClusterDispatch(Cluster cluster, Map<String, String> groupZones, int batchSize, Duration batchDeadline) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.groupZones = Map.copyOf(groupZones);
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1");
        }
        this.batchSize = batchSize;
        this.batchDeadline = batchDeadline;
    }

    /**
     * A member's zone: its attribute {@code zone}, else its tag {@code phoenix:zone} or label
     * {@code phoenix.zone}, else its group's {@code zone}; null when none names one (any node probes it).
     */
    public static String zoneOf(Member m, String groupZone) {
        for (String key : List.of("zone", "tag:phoenix:zone", "label:phoenix.zone")) {
            String z = m.attribute(key);
            if (z != null && !z.isBlank()) {
                return z;
            }
        }
        return groupZone;
    }

    @Override
    public Future<List<Observed>> probe(GroupRuntime group, List<Member> members) {
        if (members.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        return cluster.nodes().compose(nodes -> new Round(group.name(), members, nodes).start());
    }

    /** One group's members across the cluster. */
    private final class Round {
        final String group;
        final List<Member> members;
        final Observed[] out;
        final Map<String, Integer> inFlight = new HashMap<>();
        final Set<String> failed = new HashSet<>();
        final Map<String, Fingerprint> interned = new HashMap<>();
        final Map<String, Deque<Batch>> queues = new LinkedHashMap<>();
        final Map<String, String> zones = new HashMap<>();
        final Promise<List<Observed>> done = Promise.promise();
        int open;

        Round(String group, List<Member> members, List<Cluster.Node> nodes) {
            this.group = group;
            this.members = members;
            this.out = new Observed[members.size()];
            for (Cluster.Node n : nodes) {
                zones.put(n.id(), n.zone());
            }
        }

        Future<List<Observed>> start() {
            Map<String, List<Integer>> byZone = new LinkedHashMap<>();
            for (int i = 0; i < members.size(); i++) {
                String z = zoneOf(members.get(i), groupZones.get(group));
                byZone.computeIfAbsent(z == null ? "" : z, k -> new ArrayList<>()).add(i);
            }
            byZone.forEach((zone, indexes) -> {
                Deque<Batch> q = new ArrayDeque<>();
                for (int from = 0; from < indexes.size(); from += batchSize) {
                    q.add(new Batch(zone.isEmpty() ? null : zone, indexes.subList(from, Math.min(indexes.size(), from + batchSize))));
                }
                open += q.size();
                queues.put(zone, q);
            });
            LOG.debug("group {}: {} members in {} batches over zones {}", group, members.size(), open, byZone.keySet());
            queues.keySet().forEach(this::pump);
            return done.future();
        }

        /** Sends queued batches of {@code zone} to nodes with room; gives up on them when no node of the zone is left. */
        void pump(String zone) {
            Deque<Batch> q = queues.get(zone);
            while (!q.isEmpty()) {
                String node = pick(q.peek().zone);
                if (node == null) {
                    if (candidates(q.peek().zone).isEmpty()) {
                        while (!q.isEmpty()) {
                            Batch b = q.poll();
                            unreachable(b, b.lastError != null ? "no node of " + where(b.zone) + " could probe it: " + b.lastError
                                    : "no node of the cluster serves " + where(b.zone));
                        }
                    }
                    return;
                }
                send(q.poll(), node);
            }
        }

        /**
         * Where a batch of {@code zone} may go: the live nodes of that zone not failed in this round; when
         * there is none, the nodes of no zone (they serve every zone); a batch of no zone goes to any node.
         */
        List<String> candidates(String zone) {
            List<String> live = cluster.nodeIds();
            List<String> own = new ArrayList<>();
            List<String> any = new ArrayList<>();
            zones.forEach((id, z) -> {
                if (live.contains(id) && !failed.contains(id)) {
                    if (z == null) {
                        any.add(id);
                    } else if (zone == null || z.equals(zone)) {
                        own.add(id);
                    }
                }
            });
            if (zone == null) {
                own.addAll(any);
                return own;
            }
            return own.isEmpty() ? any : own;
        }

        /** The candidate with the most room; null when all are busy. */
        String pick(String zone) {
            String best = null;
            int bestRoom = 0;
            for (String id : candidates(zone)) {
                int room = SLOTS - inFlight.getOrDefault(id, 0);
                if (room > bestRoom || room == bestRoom && room > 0 && id.compareTo(best) < 0) {
                    best = id;
                    bestRoom = room;
                }
            }
            return best;
        }

        void send(Batch b, String node) {
            inFlight.merge(node, 1, Integer::sum);
            List<Member> sent = b.indexes.stream().map(members::get).toList();
            Promise<JsonObject> answer = Promise.promise();
            cluster.vertx().eventBus().<JsonObject>request(ProbeWorker.address(node), Wire.batch(group, sent),
                            new DeliveryOptions().setSendTimeout(batchDeadline.toMillis()))
                    .onComplete(ar -> {
                        if (ar.succeeded()) {
                            answer.tryComplete(ar.result().body());
                        } else {
                            answer.tryFail(ar.cause());
                        }
                    });
            // a node that leaves is noticed at once, not at the batch deadline
            long watch = cluster.vertx().setPeriodic(1000, t -> {
                if (!cluster.nodeIds().contains(node)) {
                    answer.tryFail("node " + node + " left the cluster");
                }
            });
            answer.future().onComplete(ar -> {
                cluster.vertx().cancelTimer(watch);
                inFlight.merge(node, -1, Integer::sum);
                List<Observed> observed = null;
                String error = null;
                if (ar.succeeded()) {
                    try {
                        observed = Wire.observed(ar.result(), sent, interned);
                    } catch (RuntimeException e) {
                        error = Errors.message(e);
                    }
                } else {
                    error = Errors.message(ar.cause());
                }
                if (observed != null) {
                    for (int i = 0; i < observed.size(); i++) {
                        out[b.indexes.get(i)] = observed.get(i);
                    }
                    finished();
                } else {
                    failed.add(node);
                    b.lastError = "node " + node + ": " + error;
                    LOG.warn("group {}: a batch of {} members sent to node {} failed ({}); sending it to another node of {}",
                            group, sent.size(), node, error, where(b.zone));
                    queues.get(b.zone == null ? "" : b.zone).addFirst(b);
                }
                queues.keySet().forEach(this::pump);
            });
        }

        void unreachable(Batch b, String reason) {
            LOG.warn("group {}: {} members not probed: {}", group, b.indexes.size(), reason);
            for (int i : b.indexes) {
                out[i] = new Observed(members.get(i), null, List.of(new ProbeError(PROBE_NAME, reason)));
            }
            finished();
        }

        void finished() {
            if (--open == 0) {
                done.tryComplete(List.of(out));
            }
        }
    }

    private static String where(String zone) {
        return zone == null ? "any zone" : "zone " + zone;
    }

    /** Some members of one zone, by their index in the group's list. */
    private static final class Batch {
        final String zone;
        final List<Integer> indexes;
        String lastError;

        Batch(String zone, List<Integer> indexes) {
            this.zone = zone;
            this.indexes = List.copyOf(indexes);
        }
    }
}
