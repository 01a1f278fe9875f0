package dev.phoenix.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;

/**
 * This node's view of the cluster it joined: its own id, the nodes in it now and their zones.
 * The one implementation is {@link HazelcastCluster}; nothing else in Phoenix touches Hazelcast,
 * and nothing loads it unless {@code phoenix serve --cluster} joins (an architecture test checks both).
 *
 * <pre>{@code
 * Cluster cluster = await(HazelcastCluster.join(settings, vertxOptions));
 * cluster.nodes().onSuccess(nodes -> nodes.forEach(n -> LOG.info("{} serves {}", n.id(), n.zoneOrAll())));
 * }</pre>
 */
public interface Cluster {

    /** A node of the cluster. @param zone the zone it serves, or null for every zone */
    record Node(String id, String zone) {
        public String zoneOrAll() {
            return zone == null ? "every zone" : "zone " + zone;
        }

        /** Whether this node may probe a member of {@code memberZone} (null: a member any node may probe). */
        public boolean serves(String memberZone) {
            return zone == null || memberZone == null || zone.equals(memberZone);
        }
    }

    /** The clustered Vert.x: its event bus and shared data span every node. */
    Vertx vertx();

    /** This node's id. */
    String self();

    /** This node's zone, or null when it serves every zone. */
    String zone();

    /** The ids of the nodes in the cluster now, this one included. */
    List<String> nodeIds();

    /** The nodes in the cluster now, with their zones, sorted by id; this one included. */
    Future<List<Node>> nodes();
}
