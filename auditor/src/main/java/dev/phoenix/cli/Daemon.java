package dev.phoenix.cli;

import dev.phoenix.api.ApiVerticle;
import dev.phoenix.api.ServeState;
import dev.phoenix.audit.AuditOutcome;
import dev.phoenix.chaos.KillSwitch;
import dev.phoenix.cluster.Cluster;
import dev.phoenix.cluster.ClusterDispatch;
import dev.phoenix.cluster.ClusterView;
import dev.phoenix.cluster.Leadership;
import dev.phoenix.cluster.ProbeWorker;
import dev.phoenix.observe.Prober;
import dev.phoenix.config.ConfigFileException;
import dev.phoenix.config.PhoenixConfig;
import dev.phoenix.report.Scorecard;
import dev.phoenix.runtime.PhoenixRuntime;
import dev.phoenix.runtime.Stores;
import dev.phoenix.schedule.RunCoordinator;
import dev.phoenix.schedule.RunKind;
import dev.phoenix.schedule.Scheduler;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
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
    /** The leadership's (on a cluster node), the API's and the coordinator's deployments, undeployed in that order. */
    private final List<String> deployments;
    private final App app;
    private final ClusterView cluster;
    /** The scheduler's deployment: at once on a single node, when it takes the lead on a cluster node. */
    private final Future<String> schedule;
    private Future<Void> stopping;

    private Daemon(App app, PhoenixRuntime runtime, Scheduler scheduler, RunCoordinator runs, KillSwitch killSwitch,
                   ApiVerticle api, List<String> deployments, Future<String> schedule, ClusterView cluster) {
        this.app = app;
        this.runtime = runtime;
        this.scheduler = scheduler;
        this.runs = runs;
        this.killSwitch = killSwitch;
        this.api = api;
        this.deployments = List.copyOf(deployments);
        this.cluster = cluster;
        this.schedule = schedule;
    }

    /**
     * Builds everything and starts listening and scheduling; blocks the calling (main) thread until
     * the API listens.
     *
     * @throws ConfigFileException for configuration errors, located in the file
     */
    static Daemon start(App app, PhoenixConfig config, Options options) throws Exception {
        return start(app, config, options, null);
    }

    /**
     * A daemon that is one node of {@code cluster} (null: a single node): every node probes the
     * batches it is sent and answers the API; the node that takes the leader lock runs the
     * schedules, discovery and chaos, and sends probe batches to the nodes of each member's zone.
     */
    static Daemon start(App app, PhoenixConfig config, Options options, Cluster cluster) throws Exception {
        PhoenixRuntime runtime = PhoenixRuntime.build(app.platform(), config, new PhoenixRuntime.Options(App.randomSeed(),
                options.unleash(), app.err::println));
        KillSwitch killSwitch = runtime.killSwitch();
        java.util.function.BiConsumer<Integer, Integer> progress = Progress.forConsole(app);
        ProbeWorker worker = null;
        PhoenixRuntime runner = runtime;
        if (cluster != null) {
            Prober here = runtime.localProber();
            worker = new ProbeWorker(cluster.self(), (group, members) -> runtime.probeHere(here, group, members));
            Map<String, String> zones = new HashMap<>();
            config.groups().stream().filter(g -> g.zone() != null).forEach(g -> zones.put(g.name(), g.zone()));
            runner = runtime.withDispatch(new ClusterDispatch(cluster, zones, config.cluster().batch(), batchDeadline(config)));
        }
        PhoenixRuntime running = runner;
        AtomicReference<Runnable> onLeading = new AtomicReference<>(() -> { });
        Leadership leadership = cluster == null ? null : new Leadership(cluster, () -> onLeading.get().run());
        RunCoordinator.Launcher local = (runId, kind, cut) ->
                // a fresh seed per run: each chaos run draws its victims anew, and the scorecard says how
                running.run(PhoenixRuntime.Run.of(kind == RunKind.CHAOS).withId(runId).cutBy(cut).withProgress(progress)
                        .withSeed(App.randomSeed())).map(outcome -> report(config, outcome));
        // on a cluster, the run in progress is recorded so that a successor re-runs it if this leader dies
        RunCoordinator.Launcher launcher = leadership == null ? local : (runId, kind, cut) -> leadership.started(kind.label())
                .compose(v -> local.run(runId, kind, cut)).eventually(leadership::finished);
        RunCoordinator runs = new RunCoordinator(app.clock, runtime.context().random("run-ids:" + app.clock.millis()),
                launcher, runtime.stores().history());
        Scheduler scheduler = new Scheduler(app.clock, config.schedule().schedules(),
                kind -> runs.trigger(kind, "schedule").map(t -> Optional.ofNullable(t.reason())));
        ClusterView view = null;
        Promise<String> schedule = Promise.promise();
        if (cluster != null) {
            Vertx vertx = app.vertx();
            onLeading.set(() -> {
                // a run the previous leader had in progress is run again: its scorecard was never written
                leadership.interrupted().onSuccess(kind -> kind.ifPresent(k -> {
                    RunKind again = k.equals(RunKind.CHAOS.label()) ? RunKind.CHAOS : RunKind.AUDIT;
                    LOG.warn("the previous leader died during a run ({}): running it again", k);
                    runs.trigger(again, "re-run after the previous leader died");
                }));
                vertx.deployVerticle(scheduler).onComplete(schedule);
            });
            view = new ClusterView(cluster, leadership, worker);
        }
        ServeState state = new ServeState(runs, scheduler, killSwitch, options.token(), app.clock, runtime.stores().describe(),
                runtime.unleashed(), view);
        ApiVerticle api = new ApiVerticle(state, options.bind(), options.port());
        String deployment;
        String coordinator;
        try {
            coordinator = App.await(app.vertx().deployVerticle(runs));
            if (worker != null) {
                App.await(app.vertx().deployVerticle(worker));
            }
            deployment = App.await(app.vertx().deployVerticle(api));
        } catch (Exception e) {
            App.await(runtime.close());
            throw new IllegalStateException("cannot listen on " + options.bind() + ":" + options.port() + ": " + e.getMessage(), e);
        }
        List<String> deployments = new ArrayList<>();
        if (leadership != null) {
            // only the leader schedules: the scheduler is deployed when this node takes the lock
            deployments.add(App.await(app.vertx().deployVerticle(leadership)));
        } else {
            schedule.complete(App.await(app.vertx().deployVerticle(scheduler)));
        }
        if (options.unleash() && !config.chaos().enabled()) {
            LOG.warn("--unleash is given but chaos.enabled is false in {}: chaos runs stay dry runs", config.file());
        }
        deployments.add(deployment);
        deployments.add(coordinator);
        return new Daemon(app, runtime, scheduler, runs, killSwitch, api, deployments, schedule.future(), view);
    }

    /**
     * How long a node may take over one probe batch before the leader gives it to another: two
     * batches in flight per node, each at most its members over the node's bound on calls in flight,
     * times the probes of the largest group, times the probe deadline; at least 30 s.
     */
    static Duration batchDeadline(PhoenixConfig config) {
        int probes = config.groups().stream().mapToInt(g -> g.probes().size()).max().orElse(1);
        long rounds = (config.cluster().batch() + config.probing().concurrency() - 1) / config.probing().concurrency();
        Duration worst = config.probing().timeout().multipliedBy(ClusterDispatch.SLOTS * rounds * probes).plusSeconds(5);
        return worst.compareTo(Duration.ofSeconds(30)) < 0 ? Duration.ofSeconds(30) : worst;
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

    /** The cluster as this node sees it, or null for a single node. */
    ClusterView cluster() {
        return cluster;
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
            Future<Void> first = Future.succeededFuture();
            int api = 0;
            if (cluster != null) {
                first = app.vertx().undeploy(deployments.get(0)).otherwiseEmpty();
                api = 1;
            }
            int apiDeployment = api;
            // a follower never deployed its scheduler
            Future<Void> noSchedule = first.compose(v -> schedule.isComplete() && schedule.succeeded()
                    ? app.vertx().undeploy(schedule.result()).otherwiseEmpty() : Future.succeededFuture());
            stopping = noSchedule
                    .compose(v -> runs.shutdown(deadline).otherwiseEmpty())
                    .compose(v -> app.vertx().undeploy(deployments.get(apiDeployment)).otherwiseEmpty())
                    .compose(v -> app.vertx().undeploy(deployments.get(apiDeployment + 1)).otherwiseEmpty())
                    .compose(v -> runtime.close())
                    .onComplete(x -> LOG.info("stopped"));
        }
        return stopping;
    }
}
