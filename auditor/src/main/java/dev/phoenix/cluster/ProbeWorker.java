package dev.phoenix.cluster;

import dev.phoenix.model.Member;
import dev.phoenix.observe.Observed;
import dev.phoenix.spi.Errors;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every node of a cluster runs, the leader included: probes the batches sent to
 * {@code phoenix.probe.<node id>} with its own probes (built from the same config as every other
 * node's) and answers with the observations. Counts the members it probed per group, which
 * {@code GET /api/cluster} shows.
 *
 * <pre>{@code
 * vertx.deployVerticle(new ProbeWorker(cluster.self(), (group, members) -> runtime.probeHere(prober, group, members)));
 * }</pre>
 */
public final class ProbeWorker extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(ProbeWorker.class);

    /** Probes a batch of one group here. */
    @FunctionalInterface
    public interface Probing {
        Future<List<Observed>> probe(String group, List<Member> members);
    }

    private final String node;
    private final Probing probing;
    private final Map<String, AtomicLong> probed = new ConcurrentHashMap<>();
    private MessageConsumer<JsonObject> consumer;

    public ProbeWorker(String node, Probing probing) {
        this.node = node;
        this.probing = probing;
    }

    static String address(String node) {
        return "phoenix.probe." + node;
    }

    @Override
    public Future<?> start() {
        consumer = vertx.eventBus().consumer(address(node), this::handle);
        return consumer.completion();
    }

    private void handle(Message<JsonObject> message) {
        String group;
        List<Member> members;
        try {
            group = Wire.group(message.body());
            members = Wire.members(message.body());
        } catch (RuntimeException e) {
            message.fail(400, "not a probe batch: " + Errors.message(e));
            return;
        }
        LOG.debug("probing a batch of {} members of group {}", members.size(), group);
        Future<List<Observed>> done;
        try {
            done = probing.probe(group, members);
        } catch (RuntimeException e) {
            done = Future.failedFuture(e);
        }
        done.onComplete(ar -> {
            if (ar.failed()) {
                message.fail(500, "node " + node + ": " + Errors.message(ar.cause()));
                return;
            }
            probed.computeIfAbsent(group, g -> new AtomicLong()).addAndGet(members.size());
            message.reply(Wire.answer(node, ar.result()));
        });
    }

    /** Members probed on this node since it started, per group. */
    public Map<String, Long> probed() {
        Map<String, Long> out = new TreeMap<>();
        probed.forEach((g, n) -> out.put(g, n.get()));
        return out;
    }

    @Override
    public Future<?> stop() {
        return consumer == null ? Future.succeededFuture() : consumer.unregister();
    }
}
