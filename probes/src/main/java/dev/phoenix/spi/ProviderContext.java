package dev.phoenix.spi;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * What fleets and probes receive from {@code main}: the Vert.x instance, time, a seed for randomness, the
 * shared HTTP client, a named worker pool for blocking clients, the process environment and the
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
 * @param http     the shared Web Client (one connection pool for every HTTP probe)
 * @param blocking the named worker pool ({@code phoenix-blocking}) for blocking clients
 * @param env      environment variables ({@code AWS_ENDPOINT_URL}, {@code DOCKER_HOST}, ...)
 * @param targets  which addresses probes may contact
 */
public record ProviderContext(
        Vertx vertx,
        Clock clock,
        long seed,
        WebClient http,
        WorkerExecutor blocking,
        Map<String, String> env,
        TargetPolicy targets) {

    public ProviderContext {
        Objects.requireNonNull(vertx, "vertx");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(blocking, "blocking");
        env = Map.copyOf(env);
        Objects.requireNonNull(targets, "targets");
    }

    /** Size of the blocking worker pool; blocking provider clients (Docker) share it. */
    public static final int BLOCKING_POOL_SIZE = 16;

    /** A context with a fresh Web Client and worker pool on {@code vertx}; any target allowed. */
    public static ProviderContext create(Vertx vertx, Clock clock, long seed, Map<String, String> env) {
        WebClient http = dev.phoenix.http.HttpClients.create(vertx);
        WorkerExecutor blocking = vertx.createSharedWorkerExecutor("phoenix-blocking", BLOCKING_POOL_SIZE);
        return new ProviderContext(vertx, clock, seed, http, blocking, env, TargetPolicy.any());
    }

    /** The same context with another target policy. */
    public ProviderContext withTargets(TargetPolicy policy) {
        return new ProviderContext(vertx, clock, seed, http, blocking, env, policy);
    }

    /** The same context with another Web Client (e.g. one tuned for a large fleet). */
    public ProviderContext withHttp(WebClient client) {
        return new ProviderContext(vertx, clock, seed, client, blocking, env, targets);
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
