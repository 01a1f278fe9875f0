package dev.phoenix.cluster;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.shareddata.AsyncMap;
import io.vertx.core.shareddata.Lock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exactly one node leads: the one holding the cluster-wide lock {@value #LOCK}. Every node tries
 * to take it, once a second while it does not hold it; the holder keeps it until it leaves or dies,
 * when Hazelcast releases it and another node takes it. The leader writes its id under
 * {@code leader} in the cluster map {@value #MAP} so that every node can say who leads.
 *
 * <pre>{@code
 * vertx.deployVerticle(new Leadership(cluster, () -> deploySchedulerHere()));
 * }</pre>
 *
 * A lock, not an election by node order: the lock is what makes two leaders impossible while the
 * cluster is whole. A chaos run is guarded by the chaos ledger's conditional writes besides, so
 * that even two leaders after a network split could not take the same member twice.
 */
public final class Leadership extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(Leadership.class);
    static final String LOCK = "phoenix.leader";
    static final String MAP = "phoenix.cluster";

    private final Cluster cluster;
    private final Runnable onLeading;
    private final AtomicReference<Lock> held = new AtomicReference<>();
    private long timer = -1;
    private volatile boolean stopped;

    /** @param onLeading called once, on this verticle's context, when this node becomes the leader */
    public Leadership(Cluster cluster, Runnable onLeading) {
        this.cluster = cluster;
        this.onLeading = onLeading;
    }

    @Override
    public Future<?> start() {
        tryToLead();
        return Future.succeededFuture();
    }

    private void tryToLead() {
        if (stopped || held.get() != null) {
            return;
        }
        vertx.sharedData().getLockWithTimeout(LOCK, 1000).onComplete(ar -> {
            if (ar.succeeded() && !stopped) {
                held.set(ar.result());
                LOG.info("this node ({}) leads the cluster", cluster.self());
                map().compose(m -> m.put("leader", cluster.self()))
                        .onFailure(e -> LOG.warn("cannot publish the leader: {}", e.getMessage()));
                onLeading.run();
            } else {
                if (ar.succeeded()) {
                    ar.result().release();
                }
                timer = vertx.setTimer(1000, t -> tryToLead());
            }
        });
    }

    /** Whether this node holds the lock. */
    public boolean leading() {
        return held.get() != null;
    }

    /**
     * The leader's id as every node reads it: this node when it holds the lock, else the id the leader
     * published, when that node is still in the cluster; empty between a leader's death and its successor.
     */
    public Future<Optional<String>> leader() {
        if (leading()) {
            return Future.succeededFuture(Optional.of(cluster.self()));
        }
        return map().compose(m -> m.get("leader"))
                .map(id -> Optional.ofNullable(id).filter(cluster.nodeIds()::contains));
    }

    /**
     * Records, for a successor, that the leader started a run of {@code kind} ({@code audit} or
     * {@code chaos}); {@link #finished()} clears it. Best effort: a failure is logged.
     */
    public Future<Void> started(String kind) {
        return map().compose(m -> m.put("running", kind)).onFailure(e -> LOG.warn("cannot record the run in progress: {}", e.getMessage()))
                .otherwiseEmpty();
    }

    public Future<Void> finished() {
        return map().compose(m -> m.remove("running")).<Void>mapEmpty().otherwiseEmpty();
    }

    /** The kind of run the previous leader had in progress when it died, if it had one. */
    public Future<Optional<String>> interrupted() {
        return map().compose(m -> m.get("running")).map(Optional::ofNullable);
    }

    private Future<AsyncMap<String, String>> map() {
        return vertx.sharedData().getAsyncMap(MAP);
    }

    @Override
    public Future<?> stop() {
        stopped = true;
        vertx.cancelTimer(timer);
        Lock lock = held.getAndSet(null);
        if (lock != null) {
            lock.release();
        }
        return Future.succeededFuture();
    }
}
