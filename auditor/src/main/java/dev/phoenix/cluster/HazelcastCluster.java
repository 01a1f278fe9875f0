package dev.phoenix.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.spi.cluster.NodeInfo;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Joins the Phoenix cluster: Vert.x clustered with the Hazelcast cluster manager, TCP-IP join with
 * the configured member list, multicast and auto-detection off, Hazelcast's phone-home off, and
 * Hazelcast and the event bus bound to {@code cluster.host} only. A node's zone travels in its
 * Vert.x node metadata. Failure detection is tuned for a fleet auditor (a node that stops answering
 * for about 6 s is gone), not for a data grid.
 *
 * <pre>{@code
 * Cluster cluster = App.await(HazelcastCluster.join(config.cluster().override(5702, "vpc-b"), new VertxOptions()));
 * }</pre>
 */
public final class HazelcastCluster implements Cluster {

    private final Vertx vertx;
    private final HazelcastClusterManager manager;
    private final String zone;
    private final Map<String, Node> known = new ConcurrentHashMap<>();

    private HazelcastCluster(Vertx vertx, HazelcastClusterManager manager, String zone) {
        this.vertx = vertx;
        this.manager = manager;
        this.zone = zone;
    }

    /** Joins (or forms) the cluster of {@code settings}; fails with Hazelcast's reason when it cannot bind or join. */
    public static Future<Cluster> join(ClusterSettings settings, VertxOptions options) {
        Config hz = ConfigUtil.loadConfig();
        hz.setClusterName("phoenix");
        hz.setProperty("hazelcast.phone.home.enabled", "false");
        hz.setProperty("hazelcast.logging.type", "slf4j");
        hz.setProperty("hazelcast.socket.bind.any", "false");
        hz.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        hz.setProperty("hazelcast.max.no.heartbeat.seconds", "6");
        hz.setProperty("hazelcast.merge.first.run.delay.seconds", "5");
        hz.setProperty("hazelcast.merge.next.run.delay.seconds", "5");
        hz.setProperty("hazelcast.wait.seconds.before.join", "0");
        NetworkConfig net = hz.getNetworkConfig();
        net.setPort(settings.port()).setPortAutoIncrement(false);
        net.getInterfaces().setEnabled(true).setInterfaces(List.of(settings.host()));
        JoinConfig join = net.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(2)
                .setMembers(settings.members().isEmpty() ? List.of(settings.host() + ":" + settings.port()) : settings.members());
        HazelcastClusterManager manager = new HazelcastClusterManager(hz);
        JsonObject metadata = new JsonObject().put("zone", settings.zone());
        options.getEventBusOptions().setHost(settings.host()).setPort(0).setClusterPublicHost(settings.host())
                .setClusterNodeMetadata(metadata);
        return Vertx.builder().with(options).withClusterManager(manager).buildClustered()
                .map(vertx -> new HazelcastCluster(vertx, manager, settings.zone()));
    }

    @Override
    public Vertx vertx() {
        return vertx;
    }

    @Override
    public String self() {
        return manager.getNodeId();
    }

    @Override
    public String zone() {
        return zone;
    }

    @Override
    public List<String> nodeIds() {
        return manager.isActive() ? List.copyOf(manager.getNodes()) : List.of(self());
    }

    @Override
    public Future<List<Node>> nodes() {
        List<Future<Node>> all = new ArrayList<>();
        for (String id : nodeIds()) {
            Node cached = known.get(id);
            if (cached != null) {
                all.add(Future.succeededFuture(cached));
                continue;
            }
            Promise<NodeInfo> info = Promise.promise();
            manager.getNodeInfo(id, info);
            // a node whose metadata cannot be read (it is leaving) is listed with no zone only if it stays
            all.add(info.future().map(i -> {
                JsonObject meta = i.metadata();
                Node node = new Node(id, meta == null ? null : meta.getString("zone"));
                known.put(id, node);
                return node;
            }).otherwise((Node) null));
        }
        return Future.join(all).otherwiseEmpty().map(x -> all.stream().map(f -> f.result()).filter(n -> n != null)
                .sorted(Comparator.comparing(Node::id)).toList());
    }
}
