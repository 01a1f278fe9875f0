package dev.phoenix.simulated;

import dev.phoenix.fleet.Fleet;
import dev.phoenix.model.Member;
import dev.phoenix.model.MemberKind;
import dev.phoenix.model.Mutability;
import dev.phoenix.probe.EventLoops;
import dev.phoenix.spi.ProviderContext;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default fleet: every member is a real HTTP server started in-process by Vert.x
 * on 127.0.0.1, serving its state built from a {@link SimulatedImage}. {@link #replace} really
 * stops the victim's server and starts a fresh member from the same image; in-place changes
 * ({@link #changeInPlace}) are decided by the seeded random source, so a run repeats exactly.
 */
public final class SimulatedFleet implements Fleet {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedFleet.class);

    /** Settings of one simulated group; see {@link SimulatedFleetFactory} for the keys. */
    record Options(String group, int members, MemberKind kind, Mutability mutability, boolean chaosOptIn,
                   SimulatedImage image, Duration bootDelay, int perListener, double driftRate, double mutateRate) {
    }

    private final Options options;
    private final ProviderContext ctx;
    private final Random random;
    private final Map<String, SimulatedMember> live = new LinkedHashMap<>();
    private final List<SimulatedListener> listeners = new ArrayList<>();
    private Future<Void> started;
    private volatile List<Context> loops = List.of();
    private int nextIndex = 1;
    private int discoveries;

    SimulatedFleet(Options options, ProviderContext ctx) {
        this.options = options;
        this.ctx = ctx;
        this.random = ctx.random("simulated:" + options.group());
    }

    @Override
    public String provider() {
        return "simulated";
    }

    /** The configured number of members. */
    @Override
    public java.util.Optional<Integer> expectedSize() {
        return java.util.Optional.of(options.members());
    }

    @Override
    public synchronized Future<List<Member>> discover() {
        if (started == null) {
            started = startAll();
        }
        return started.map(v -> {
            synchronized (this) {
                if (discoveries++ > 0) {
                    applyRandomChanges(random);
                }
                return live.values().stream().map(this::toMember).toList();
            }
        });
    }

    @Override
    public Future<Member> replace(Member victim, Duration timeout) {
        SimulatedMember old;
        synchronized (this) {
            old = live.remove(victim.id());
        }
        if (old == null) {
            return Future.failedFuture("simulated member " + victim.id() + " is not running");
        }
        boolean lastOnListener = old.listener.remove(old) == 0;
        Future<Void> stopped = lastOnListener ? closeListener(old.listener) : Future.succeededFuture();
        long bootMs = jitter(options.bootDelay().toMillis());
        LOG.debug("replacing {} (boot takes {} ms)", victim.id(), bootMs);
        return stopped
                .compose(v -> bootMs > 0 ? ctx.vertx().timer(bootMs).mapEmpty() : Future.<Void>succeededFuture())
                .compose(v -> spawn(lastOnListener ? null : old.listener))
                .map(this::toMember);
    }

    @Override
    public synchronized Future<Void> close() {
        List<Future<Void>> closing = listeners.stream().map(SimulatedListener::close).toList();
        listeners.clear();
        live.clear();
        return Future.join(closing).mapEmpty();
    }

    /**
     * Changes a live member in place: one or two seeded edits to its config, packages or files,
     * as a person with ssh or a configuration-management run would. Returns what changed.
     */
    public List<String> changeInPlace(String memberId, Random random) {
        SimulatedMember member;
        synchronized (this) {
            member = live.get(memberId);
        }
        if (member == null) {
            throw new IllegalArgumentException("no live simulated member " + memberId);
        }
        List<String> changes = new ArrayList<>();
        member.change(state -> {
            int edits = 1 + random.nextInt(2);
            List<Integer> kinds = new ArrayList<>(List.of(0, 1, 2, 3));
            for (int i = 0; i < edits; i++) {
                int kind = kinds.remove(random.nextInt(kinds.size()));
                changes.add(edit(state, kind, random));
            }
        });
        return changes;
    }

    /** The URLs at which the live members serve their state, in member order. */
    public synchronized List<String> urls() {
        return live.values().stream().map(SimulatedMember::url).toList();
    }

    /** Ids of the live members, in order. */
    public synchronized List<String> memberIds() {
        return List.copyOf(live.keySet());
    }

    /** Starts the group's servers; completes when every member answers. */
    public synchronized Future<Void> start() {
        if (started == null) {
            started = startAll();
        }
        return started;
    }

    private Future<Void> startAll() {
        // Listeners are spread over event loops, one per core, so that the fleet serves from every core.
        Future<Void> chain = EventLoops.of(ctx, Runtime.getRuntime().availableProcessors()).map(contexts -> {
            loops = contexts;
            return null;
        });
        // Listeners are started in batches so that a large fleet does not open thousands at once.
        int batch = 256;
        for (int from = 0; from < options.members(); from += batch) {
            int count = Math.min(batch, options.members() - from);
            chain = chain.compose(v -> {
                List<Future<SimulatedMember>> spawns = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    spawns.add(spawn(null));
                }
                return Future.all(spawns).mapEmpty();
            });
        }
        return chain;
    }

    private Future<SimulatedMember> spawn(SimulatedListener preferred) {
        Future<SimulatedListener> listener = preferred != null && preferred.reserve(options.perListener())
                ? preferred.ready() : pickListener();
        return listener.map(l -> {
            synchronized (this) {
                String id = options.group() + "-" + String.format("%04d", nextIndex++);
                String path = options.perListener() == 1 ? "/state" : "/m/" + id + "/state";
                SimulatedMember member = new SimulatedMember(id, options.image(), l, path, ctx.clock().instant().toString());
                l.add(member);
                live.put(id, member);
                return member;
            }
        });
    }

    private synchronized Future<SimulatedListener> pickListener() {
        if (options.perListener() > 1) {
            for (SimulatedListener l : listeners) {
                if (l.reserve(options.perListener())) {
                    return l.ready();
                }
            }
        }
        List<Context> on = loops;
        SimulatedListener fresh = new SimulatedListener(ctx.vertx(), on.isEmpty() ? null : on.get(listeners.size() % on.size()));
        fresh.reserve(options.perListener());
        listeners.add(fresh);
        return fresh.ready();
    }

    private synchronized Future<Void> closeListener(SimulatedListener listener) {
        listeners.remove(listener);
        return listener.close();
    }

    private void applyRandomChanges(Random random) {
        for (SimulatedMember m : List.copyOf(live.values())) {
            double rate = options.mutability() == Mutability.MUTABLE ? options.driftRate() : options.mutateRate();
            if (rate > 0 && random.nextDouble() < rate) {
                List<String> changes = changeInPlace(m.id, random);
                LOG.debug("simulated change on {}: {}", m.id, changes);
            }
        }
    }

    private static String edit(JsonObject state, int kind, Random random) {
        switch (kind) {
            case 0 -> {
                JsonObject config = state.getJsonObject("config");
                int workers = config.getInteger("workers");
                int changed = workers * 2 + random.nextInt(3);
                config.put("workers", changed);
                return "config.workers " + workers + " -> " + changed;
            }
            case 1 -> {
                JsonObject packages = state.getJsonObject("packages");
                String old = packages.getString("openssl");
                String changed = "3.0." + (16 + random.nextInt(4)) + "-1~deb12u1";
                packages.put("openssl", changed);
                return "packages.openssl " + old + " -> " + changed;
            }
            case 2 -> {
                JsonObject files = state.getJsonObject("files");
                String path = "/etc/ssl/openssl.cnf";
                files.put(path, dev.phoenix.model.Fingerprint.sha256Hex("hand-edited:" + random.nextLong()));
                return "files." + path + " edited";
            }
            default -> {
                JsonObject files = state.getJsonObject("files");
                String path = "/etc/cron.d/hotfix-" + (100 + random.nextInt(900));
                files.put(path, dev.phoenix.model.Fingerprint.sha256Hex("hotfix:" + random.nextLong()));
                return "files." + path + " added";
            }
        }
    }

    private long jitter(long ms) {
        if (ms <= 0) {
            return 0;
        }
        synchronized (random) {
            return ms / 2 + (long) (random.nextDouble() * ms);
        }
    }

    private Member toMember(SimulatedMember m) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("url", m.url());
        attributes.put("host", "127.0.0.1");
        attributes.put("port", String.valueOf(m.listener.port()));
        attributes.put("image", m.image.provenance());
        attributes.put("tag:Name", m.id);
        return new Member(m.id, options.group(), provider(), options.kind(), options.mutability(),
                options.chaosOptIn(), m.image.provenance(), attributes);
    }
}
