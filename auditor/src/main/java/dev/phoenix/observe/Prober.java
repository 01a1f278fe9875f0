package dev.phoenix.observe;

import dev.phoenix.model.Fact;
import dev.phoenix.model.Fingerprint;
import dev.phoenix.model.Member;
import dev.phoenix.model.Observation;
import dev.phoenix.model.ProbeError;
import dev.phoenix.probe.InFlightLimiter;
import dev.phoenix.probe.Probe;
import dev.phoenix.spi.Errors;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovers a group and runs its probes against every member, concurrently under one run's
 * bound on calls in flight and with a deadline on every call. A probe failure is data (the
 * member's observation lists it), never a failed future; only a failed discovery fails.
 *
 * <pre>{@code
 * Prober prober = new Prober(new InFlightLimiter(64), Duration.ofSeconds(10), progress);
 * prober.observeGroup(group).onSuccess(observed -> ...);        // every member, fingerprinted
 * prober.probe(group, replacement).onSuccess(o -> o.reachable()); // one member (a chaos replacement)
 * }</pre>
 */
public final class Prober implements MemberProber {

    private static final Logger LOG = LoggerFactory.getLogger(Prober.class);

    private final InFlightLimiter limiter;
    private final Duration timeout;
    private final Progress progress;
    private final Dispatch dispatch;

    /**
     * @param timeout  deadline for one probe call ({@code probing.timeout}); a probe with a longer deadline of its own gets that
     * @param progress counts members as they are discovered and probed
     */
    public Prober(InFlightLimiter limiter, Duration timeout, Progress progress) {
        this(limiter, timeout, progress, null);
    }

    /** @param dispatch where discovered members are probed (a cluster's nodes); null: here, under {@code limiter} */
    public Prober(InFlightLimiter limiter, Duration timeout, Progress progress, Dispatch dispatch) {
        this.limiter = limiter;
        this.timeout = timeout;
        this.progress = progress;
        this.dispatch = dispatch;
    }

    /** Discovers {@code g} and probes every member; fails only when discovery fails. */
    public Future<List<Observed>> observeGroup(GroupRuntime g) {
        long start = System.nanoTime();
        return safe(() -> g.fleet().discover()).compose(members -> {
            long probeStart = System.nanoTime();
            LOG.debug("group {}: discovered {} members in {} ms", g.name(), members.size(), (probeStart - start) / 1_000_000);
            progress.discovered(members.size());
            Future<List<Observed>> observed = dispatch == null ? probeAll(g, members)
                    : dispatch.probe(g, members).onSuccess(all -> all.forEach(o -> progress.probed()));
            return observed.onSuccess(x -> LOG.debug("group {}: probed {} members in {} ms", g.name(), members.size(),
                    (System.nanoTime() - probeStart) / 1_000_000));
        });
    }

    /** Probes {@code members} of {@code g} here, under this prober's limiter; never fails; one observation per member, in order. */
    public Future<List<Observed>> probeAll(GroupRuntime g, List<Member> members) {
        return new GroupProbing(g, members).start();
    }

    /**
     * Probes a group's members in order, at most the limiter's bound of them at a time: the next
     * member starts when one finishes, so a fleet of 100,000 members is never queued into the
     * limiter all at once (nor 100,000 closures and futures built up front).
     */
    private final class GroupProbing {
        final GroupRuntime g;
        final List<Member> members;
        final Observed[] results;
        final Map<String, Fingerprint> interned = new ConcurrentHashMap<>();
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        final Promise<List<Observed>> all = Promise.promise();

        GroupProbing(GroupRuntime g, List<Member> members) {
            this.g = g;
            this.members = members;
            this.results = new Observed[members.size()];
        }

        Future<List<Observed>> start() {
            if (members.isEmpty()) {
                return Future.succeededFuture(List.of());
            }
            int window = Math.min(members.size(), limiter.max());
            for (int w = 0; w < window; w++) {
                pump();
            }
            return all.future();
        }

        /** Starts members one after another until one is still running (it calls back) or none is left. */
        private void pump() {
            while (true) {
                int i = next.getAndIncrement();
                if (i >= members.size()) {
                    return;
                }
                Future<Observed> f = probe(g, members.get(i), interned);
                if (!f.isComplete()) {
                    f.onComplete(ar -> {
                        finished(i, ar.result());
                        pump();
                    });
                    return;
                }
                finished(i, f.result());   // answered at once (a member not in service): no recursion
            }
        }

        private void finished(int i, Observed observed) {
            results[i] = observed;
            progress.probed();
            if (done.incrementAndGet() == results.length) {
                all.complete(List.of(results));
            }
        }
    }

    @Override
    public Future<Observed> probe(GroupRuntime group, Member member) {
        return probe(group, member, null);
    }

    /**
     * Runs every probe of {@code g} against {@code m}; never fails. Members with one fingerprint share one object.
     * A member its fleet lists as not in service is not probed: it is unreachable for the fleet's reason.
     */
    private Future<Observed> probe(GroupRuntime g, Member m, Map<String, Fingerprint> interned) {
        if (!m.inService()) {
            return Future.succeededFuture(new Observed(m, null, List.of(new ProbeError(g.fleet().provider(), m.down()))));
        }
        List<Future<Observation>> observations = new ArrayList<>(g.probes().size());
        for (Probe p : g.probes()) {
            observations.add(limiter.submit(() -> observe(p, m)));
        }
        // A promise of our own rather than a transformation of the join: the futures kept for the
        // whole audit must not hold on to the observations (every member's raw facts) once the
        // fingerprint is built, or a large fleet's facts all stay on the heap until the end.
        Promise<Observed> observed = Promise.promise();
        Future.join(observations).onComplete(x -> {
            List<Fact> facts = new ArrayList<>();
            List<ProbeError> errors = new ArrayList<>();
            for (Future<Observation> f : observations) {
                Observation o = f.result();
                if (o.succeeded()) {
                    for (Fact fact : o.facts()) {
                        if (!fact.identity() && !g.ignore().matches(fact.key()) && !g.identity().matches(fact.key())) {
                            facts.add(fact);
                        }
                    }
                } else {
                    errors.add(o.error());
                }
            }
            Fingerprint fp = null;
            if (errors.isEmpty()) {
                fp = Fingerprint.of(facts);
                if (interned != null) {
                    Fingerprint prior = interned.putIfAbsent(fp.digest(), fp);
                    fp = prior != null ? prior : fp;
                }
            }
            observed.complete(new Observed(m, fp, errors));
        });
        return observed.future();
    }

    /**
     * One probe call, cut at {@code probing.timeout} or at the probe's own deadline when that is longer;
     * a probe that cuts its calls itself no later than that ({@link Probe#selfTimeout}) gets no second timer.
     */
    private Future<Observation> observe(Probe p, Member m) {
        Duration limit = p.deadline().filter(d -> d.compareTo(timeout) > 0).orElse(timeout);
        Future<Observation> call = safe(() -> p.observe(m));
        boolean selfTimed = p.selfTimeout().filter(d -> d.compareTo(limit) <= 0).isPresent();
        return (selfTimed ? call : call.timeout(limit.toMillis(), TimeUnit.MILLISECONDS))
                .otherwise(e -> e instanceof java.util.concurrent.TimeoutException
                        ? Observation.failed(p.name(), "no answer within " + limit.toMillis() + " ms")
                        : Observation.failed(p.name(), Errors.message(e)));
    }

    /** A call that throws instead of returning a future gives a failed future all the same. */
    public static <T> Future<T> safe(Supplier<Future<T>> call) {
        try {
            Future<T> f = call.get();
            return f == null ? Future.failedFuture("returned no result") : f;
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }
}
