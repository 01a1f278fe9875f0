package dev.phoenix.cli;

import dev.phoenix.config.ConfigFileException;
import dev.phoenix.config.ConfigLoader;
import dev.phoenix.runtime.Platform;
import dev.phoenix.spi.ProviderContext;
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
 * The one context built in {@code main}: the console, the environment, the clock, and the
 * {@link Platform} (Vert.x and the registries) every command builds its runtime on. Commands get
 * everything from here; nothing reaches for a singleton.
 */
public final class App implements AutoCloseable {

    final PrintStream out;
    final PrintStream err;
    final Map<String, String> env;
    final Clock clock;
    private Vertx vertx;
    private Platform platform;

    public App(PrintStream out, PrintStream err, Map<String, String> env, Clock clock) {
        this.out = out;
        this.err = err;
        this.env = Map.copyOf(env);
        this.clock = clock;
    }

    /** The Vert.x instance, started on first use. */
    public synchronized Vertx vertx() {
        if (vertx == null) {
            vertx = Vertx.vertx(vertxOptions());
        }
        return vertx;
    }

    /** The options of every Phoenix Vert.x, clustered or not. */
    static VertxOptions vertxOptions() {
        return new VertxOptions().setWorkerPoolSize(8).setBlockedThreadCheckInterval(5000);
    }

    /**
     * Makes {@code clustered} this app's Vert.x ({@code serve --cluster}, which joins before anything
     * else runs); closed with the app.
     *
     * @throws IllegalStateException when a Vert.x was started already
     */
    synchronized void useVertx(Vertx clustered) {
        if (vertx != null) {
            throw new IllegalStateException("Vert.x was started before the cluster was joined");
        }
        vertx = clustered;
    }

    /** A config loader with every registered source, probe and section, without starting Vert.x. */
    ConfigLoader configLoaderAlone() {
        return platform != null ? platform.configLoader() : Platform.configLoader(env);
    }

    /** Vert.x, the clock, the environment and the registries, loaded on first use. */
    public synchronized Platform platform() {
        if (platform == null) {
            platform = Platform.load(vertx(), clock, env);
        }
        return platform;
    }

    public ConfigLoader configLoader() {
        return platform().configLoader();
    }

    /** Prints every error of a config, one line each, in line order, and returns the exit code for them. */
    public int configErrors(ConfigFileException e) {
        e.lines().forEach(line -> err.println("phoenix: " + line));
        return ExitCode.USAGE;
    }

    /** A provider context with {@code seed}, for commands that run a fleet without a config ({@code simulate}, {@code localstack}). */
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
