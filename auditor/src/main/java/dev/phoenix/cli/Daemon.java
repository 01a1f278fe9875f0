package dev.phoenix.cli;

import dev.phoenix.api.ApiVerticle;
import dev.phoenix.api.ServeState;
import dev.phoenix.audit.AuditOutcome;
import dev.phoenix.chaos.KillSwitch;
import dev.phoenix.config.ConfigFileException;
import dev.phoenix.config.PhoenixConfig;
import dev.phoenix.report.Scorecard;
import dev.phoenix.runtime.PhoenixRuntime;
import dev.phoenix.runtime.Stores;
import dev.phoenix.schedule.RunCoordinator;
import dev.phoenix.schedule.RunKind;
import dev.phoenix.schedule.Scheduler;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code phoenix serve} put together: the runtime built once (fleets, store, kill switch), the run
 * coordinator, the scheduler's timers and the API verticle, all on the one Vert.x of the {@link App}.
 *
 * <pre>{@code
 * Daemon d = Daemon.start(app, config, new Daemon.Options("127.0.0.1", 0, Optional.empty(), false));
 * ... d.port() ...
 * App.await(d.stop(Duration.ofSeconds(30)));
 * }</pre>
 */
final class Daemon {

    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);

    /**
     * @param token   the bearer token, or empty (then {@code bind} must be a loopback address)
     * @param unleash chaos runs really terminate (when the config enables chaos)
     */
    record Options(String bind, int port, Optional<String> token, boolean unleash) {
    }

    private final PhoenixRuntime runtime;
    private final Scheduler scheduler;
    private final RunCoordinator runs;
    private final KillSwitch killSwitch;
    private final ApiVerticle api;
    /** The scheduler's, the API's and the coordinator's deployments, undeployed in that order. */
    private final List<String> deployments;
    private final App app;
    private Future<Void> stopping;

    private Daemon(App app, PhoenixRuntime runtime, Scheduler scheduler, RunCoordinator runs, KillSwitch killSwitch,
                   ApiVerticle api, List<String> deployments) {
        this.app = app;
        this.runtime = runtime;
        this.scheduler = scheduler;
        this.runs = runs;
        this.killSwitch = killSwitch;
        this.api = api;
        this.deployments = List.copyOf(deployments);
    }

    /**
     * Builds everything and starts listening and scheduling; blocks the calling (main) thread until
     * the API listens.
     *
     * @throws ConfigFileException for configuration errors, located in the file
     */
    static Daemon start(App app, PhoenixConfig config, Options options) throws Exception {
        PhoenixRuntime runtime = PhoenixRuntime.build(app.platform(), config, new PhoenixRuntime.Options(App.randomSeed(),
                options.unleash(), app.err::println));
        KillSwitch killSwitch = runtime.killSwitch();
        java.util.function.BiConsumer<Integer, Integer> progress = Progress.forConsole(app);
        RunCoordinator.Launcher launcher = (runId, kind, cut) ->
                // a fresh seed per run: each chaos run draws its victims anew, and the scorecard says how
                runtime.run(PhoenixRuntime.Run.of(kind == RunKind.CHAOS).withId(runId).cutBy(cut).withProgress(progress)
                        .withSeed(App.randomSeed())).map(outcome -> report(config, outcome));
        RunCoordinator runs = new RunCoordinator(app.clock, runtime.context().random("run-ids:" + app.clock.millis()),
                launcher, runtime.stores().history());
        Scheduler scheduler = new Scheduler(app.clock, config.schedule().schedules(),
                kind -> runs.trigger(kind, "schedule").map(t -> Optional.ofNullable(t.reason())));
        ServeState state = new ServeState(runs, scheduler, killSwitch, options.token(), app.clock, runtime.stores().describe(),
                runtime.unleashed());
        ApiVerticle api = new ApiVerticle(state, options.bind(), options.port());
        String deployment;
        String coordinator;
        try {
            coordinator = App.await(app.vertx().deployVerticle(runs));
            deployment = App.await(app.vertx().deployVerticle(api));
        } catch (Exception e) {
            App.await(runtime.close());
            throw new IllegalStateException("cannot listen on " + options.bind() + ":" + options.port() + ": " + e.getMessage(), e);
        }
        String schedule = App.await(app.vertx().deployVerticle(scheduler));
        if (options.unleash() && !config.chaos().enabled()) {
            LOG.warn("--unleash is given but chaos.enabled is false in {}: chaos runs stay dry runs", config.file());
        }
        return new Daemon(app, runtime, scheduler, runs, killSwitch, api, List.of(schedule, deployment, coordinator));
    }

    private static Scorecard report(PhoenixConfig config, AuditOutcome outcome) {
        if (!outcome.configErrors().isEmpty()) {
            config.locate(outcome.configErrors()).lines().forEach(line -> LOG.error("{}", line));
        }
        for (String g : outcome.unreachable()) {
            LOG.error("group {}: its provider could not be reached", g);
        }
        return outcome.scorecard();
    }

    int port() {
        return api.actualPort();
    }

    RunCoordinator runs() {
        return runs;
    }

    Scheduler scheduler() {
        return scheduler;
    }

    KillSwitch killSwitch() {
        return killSwitch;
    }

    Stores stores() {
        return runtime.stores();
    }

    boolean unleashed() {
        return runtime.unleashed();
    }

    /**
     * Stops gracefully: no new run, no new timer; the run in flight gets until {@code deadline} and is
     * then cut short and recorded as incomplete; then the API stops and fleets and stores are closed.
     * Calling it again returns the same future.
     */
    synchronized Future<Void> stop(Duration deadline) {
        if (stopping == null) {
            LOG.info("stopping: no new runs; the run in progress gets up to {}", deadline);
            stopping = app.vertx().undeploy(deployments.get(0)).otherwiseEmpty()
                    .compose(v -> runs.shutdown(deadline).otherwiseEmpty())
                    .compose(v -> app.vertx().undeploy(deployments.get(1)).otherwiseEmpty())
                    .compose(v -> app.vertx().undeploy(deployments.get(2)).otherwiseEmpty())
                    .compose(v -> runtime.close())
                    .onComplete(x -> LOG.info("stopped"));
        }
        return stopping;
    }
}
