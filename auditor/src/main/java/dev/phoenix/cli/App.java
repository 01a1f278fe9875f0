package dev.phoenix.cli;

import dev.phoenix.config.ConfigLoader;
import dev.phoenix.fleet.FleetFactory;
import dev.phoenix.probe.ProbeFactory;
import dev.phoenix.spi.ProviderContext;
import dev.phoenix.spi.Registry;
import dev.phoenix.spi.TargetPolicy;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * The one context built in {@code main}: Vert.x, the clock, the environment, the registries
 * and the console. Commands get everything from here; nothing reaches for a singleton.
 */
public final class App implements AutoCloseable {

    final PrintStream out;
    final PrintStream err;
    final Map<String, String> env;
    final Clock clock;
    private Vertx vertx;
    private Registry<FleetFactory> fleets;
    private Registry<ProbeFactory> probes;

    public App(PrintStream out, PrintStream err, Map<String, String> env, Clock clock) {
        this.out = out;
        this.err = err;
        this.env = Map.copyOf(env);
        this.clock = clock;
    }

    /** The Vert.x instance, started on first use. */
    public synchronized Vertx vertx() {
        if (vertx == null) {
            vertx = Vertx.vertx(new VertxOptions().setWorkerPoolSize(8).setBlockedThreadCheckInterval(5000));
        }
        return vertx;
    }

    public synchronized Registry<FleetFactory> fleets() {
        if (fleets == null) {
            fleets = Registry.load(FleetFactory.class, "source");
        }
        return fleets;
    }

    public synchronized Registry<ProbeFactory> probes() {
        if (probes == null) {
            probes = Registry.load(ProbeFactory.class, "probe");
        }
        return probes;
    }

    public ConfigLoader configLoader() {
        return new ConfigLoader(java.util.Set.copyOf(fleets().names()), java.util.Set.copyOf(probes().names()), env);
    }

    /** A provider context for one run with {@code seed}. */
    public ProviderContext providerContext(long seed, boolean loopbackOnly) {
        ProviderContext ctx = ProviderContext.create(vertx(), clock, seed, env);
        return loopbackOnly ? ctx.withTargets(TargetPolicy.loopbackOnly()) : ctx;
    }

    public static long randomSeed() {
        return new SecureRandom().nextLong() & 0x7fffffffffffL;
    }

    /**
     * Waits on the calling (main) thread for a future; never called on an event loop.
     *
     * @throws Exception the future's failure, unwrapped
     */
    public static <T> T await(Future<T> future) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw e;
        }
    }

    /** Runs {@code work} on a Vert.x event-loop context, so that the engine's callbacks stay on it. */
    public <T> Future<T> onContext(java.util.function.Supplier<Future<T>> work) {
        io.vertx.core.Promise<T> promise = io.vertx.core.Promise.promise();
        vertx().getOrCreateContext().runOnContext(v -> {
            try {
                work.get().onComplete(promise);
            } catch (RuntimeException e) {
                promise.fail(e);
            }
        });
        return promise.future();
    }

    @Override
    public synchronized void close() {
        if (vertx != null) {
            try {
                await(vertx.close());
            } catch (Exception e) {
                err.println("warning: shutting down Vert.x: " + e.getMessage());
            }
            vertx = null;
        }
    }
}
