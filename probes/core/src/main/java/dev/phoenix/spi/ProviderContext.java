package dev.phoenix.spi;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Supplier;

/**
 * What fleets and probes receive from {@code main}: the Vert.x instance, time, a seed for randomness, the
 * clients they share, a named worker pool for blocking clients, the process environment and the
 * rule for which addresses may be contacted. Nothing in domain code reaches for a singleton,
 * {@code Instant.now()} or {@code new Random()}.
 *
 * <pre>{@code
 * ProviderContext ctx = ProviderContext.create(vertx, Clock.systemUTC(), 42L, System.getenv());
 * Random victims = ctx.random("chaos");   // the same sequence for the same seed, whatever else runs
 * }</pre>
 *
 * @param vertx    the one Vert.x instance
 * @param clock    the clock for timestamps and deadlines
 * @param seed     the run's random seed; each consumer draws its own stream with {@link #random(String)}
 * @param shared   the clients shared by every fleet and probe (HTTP, AWS, Docker), closed together
 * @param blocking the named worker pool ({@code phoenix-blocking}) for blocking clients
 * @param env      environment variables ({@code AWS_ENDPOINT_URL}, {@code DOCKER_HOST}, ...)
 * @param targets  which addresses probes may contact
 */
public record ProviderContext(
        Vertx vertx,
        Clock clock,
        long seed,
        Shared shared,
        WorkerExecutor blocking,
        Map<String, String> env,
        TargetPolicy targets) {

    public ProviderContext {
        Objects.requireNonNull(vertx, "vertx");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(shared, "shared");
        Objects.requireNonNull(blocking, "blocking");
        env = Map.copyOf(env);
        Objects.requireNonNull(targets, "targets");
    }

    /** Size of the blocking worker pool; blocking provider clients (Docker) share it. */
    public static final int BLOCKING_POOL_SIZE = 16;

    /** A context with fresh shared clients and a worker pool on {@code vertx}; any target allowed. */
    public static ProviderContext create(Vertx vertx, Clock clock, long seed, Map<String, String> env) {
        WorkerExecutor blocking = vertx.createSharedWorkerExecutor("phoenix-blocking", BLOCKING_POOL_SIZE);
        return new ProviderContext(vertx, clock, seed, Shared.on(vertx), blocking, env, TargetPolicy.any());
    }

    /**
     * A context whose shared clients only its creator closes ({@code ctx.shared().close()}), with no
     * hook on Vert.x's own close: for a short check that builds and closes fleets at once.
     */
    public static ProviderContext standalone(Vertx vertx, Clock clock, Map<String, String> env) {
        WorkerExecutor blocking = vertx.createSharedWorkerExecutor("phoenix-blocking", BLOCKING_POOL_SIZE);
        return new ProviderContext(vertx, clock, 0L, Shared.standalone(), blocking, env, TargetPolicy.any());
    }

    /** The same context with another target policy. */
    public ProviderContext withTargets(TargetPolicy policy) {
        return new ProviderContext(vertx, clock, seed, shared, blocking, env, policy);
    }

    /** The same context (and shared clients) with another seed: a new run of a long-lived process. */
    public ProviderContext withSeed(long newSeed) {
        return new ProviderContext(vertx, clock, newSeed, shared, blocking, env, targets);
    }

    /**
     * Runs {@code work} on a Vert.x event-loop context, so that its callbacks stay there; for callers
     * on a plain thread (the CLI's main thread). A {@code work} that throws fails the future.
     */
    public <T> Future<T> onEventLoop(Supplier<Future<T>> work) {
        Promise<T> promise = Promise.promise();
        vertx.getOrCreateContext().runOnContext(v -> {
            try {
                work.get().onComplete(promise);
            } catch (RuntimeException e) {
                promise.fail(e);
            }
        });
        return promise.future();
    }

    /**
     * A random stream of its own for one purpose ({@code "chaos"}, {@code "simulated:web"}),
     * derived from the seed, so that consumers running concurrently do not change each other's
     * draws and a run with the same seed repeats exactly.
     */
    public Random random(String purpose) {
        return new Random(seed * 1_000_003L + purpose.hashCode());
    }
}
