package dev.phoenix.cluster;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code GET /api/cluster} answers on every node: this node, the leader, every node with its
 * zone, and the members this node probed per group.
 *
 * <pre>{@code
 * {"self": "3f1c…", "leader": "9a07…", "zone": "vpc-a",
 *  "nodes": [{"id": "3f1c…", "zone": "vpc-a", "leader": false}, {"id": "9a07…", "zone": null, "leader": true}],
 *  "probed": {"web": 1000}}
 * }</pre>
 */
public final class ClusterView {

    private final Cluster cluster;
    private final Leadership leadership;
    private final ProbeWorker worker;

    public ClusterView(Cluster cluster, Leadership leadership, ProbeWorker worker) {
        this.cluster = cluster;
        this.leadership = leadership;
        this.worker = worker;
    }

    public boolean leading() {
        return leadership.leading();
    }

    /** The leader's id; empty between a leader's death and its successor's taking the lock. */
    public Future<Optional<String>> leader() {
        return leadership.leader();
    }

    public String self() {
        return cluster.self();
    }

    public Future<Map<String, Object>> describe() {
        return leader().compose(leader -> cluster.nodes().map(nodes -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("self", cluster.self());
            body.put("leader", leader.orElse(null));
            body.put("zone", cluster.zone());
            List<Map<String, Object>> list = new ArrayList<>();
            for (Cluster.Node n : nodes) {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("id", n.id());
                one.put("zone", n.zone());
                one.put("leader", leader.map(n.id()::equals).orElse(false));
                list.add(one);
            }
            body.put("nodes", list);
            body.put("probed", worker.probed());
            return body;
        }));
    }
}
