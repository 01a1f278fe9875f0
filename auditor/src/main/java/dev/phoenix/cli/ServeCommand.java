package dev.phoenix.cli;

import dev.phoenix.cluster.Cluster;
import dev.phoenix.cluster.ClusterSettings;
import dev.phoenix.cluster.HazelcastCluster;
import dev.phoenix.config.ConfigFileException;
import dev.phoenix.config.PhoenixConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code phoenix serve}: the scheduler daemon with its HTTP API, metrics and dashboard. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run audits and chaos on a schedule and serve the API, /metrics and a dashboard.",
                "Runs on the config's schedule.audit and schedule.chaos and keeps every scorecard in the store's history. "
                        + "Binds to 127.0.0.1 unless --bind is given; any other address needs --token (or PHOENIX_API_TOKEN). "
                        + "Chaos is a dry run unless the config sets chaos.enabled and --unleash is given. SIGTERM stops "
                        + "gracefully: the run in flight gets --shutdown-timeout, then is recorded as incomplete."})
final class ServeCommand implements Callable<Integer> {

    @ParentCommand
    PhoenixCommand parent;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The Phoenix config (YAML).")
    Path config;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8787", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--token", paramLabel = "T",
            description = "Bearer token every API call, /metrics and the dashboard need (default: $PHOENIX_API_TOKEN).")
    String token;

    @Option(names = "--unleash", description = "Chaos runs really terminate members (needs chaos.enabled: true in the config).")
    boolean unleash;

    @Option(names = "--shutdown-timeout", paramLabel = "DURATION", defaultValue = "30s",
            description = "On SIGTERM, how long the run in flight may go on before it is cut short (default: ${DEFAULT-VALUE}).")
    String shutdownTimeout;

    @Option(names = "--cluster", description = "Join the cluster of the config's cluster.members (Hazelcast, TCP-IP join): "
            + "one node leads and runs the schedules, discovery and chaos; every node probes the members of its zone.")
    boolean clustered;

    @Option(names = "--cluster-port", paramLabel = "N", description = "This node's cluster port (default: the config's cluster.port, else 5701).")
    Integer clusterPort;

    @Option(names = "--zone", paramLabel = "Z", description = "The zone (network) this node can reach (default: the config's cluster.zone; "
            + "none: every zone).")
    String zone;

    @Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text or json (JSON lines on stderr; also PHOENIX_LOG_FORMAT=json).")
    String logFormat;

    @Override
    public Integer call() throws Exception {
        App app = parent.app;
        if (!logFormat.equals("text") && !logFormat.equals("json")) {
            app.err.println("phoenix: --log-format must be text or json, found '" + logFormat + "'");
            return ExitCode.USAGE;
        }
        if (port < 0 || port > 65535) {
            app.err.println("phoenix: --port must be between 0 and 65535");
            return ExitCode.USAGE;
        }
        Duration deadline;
        try {
            deadline = dev.phoenix.spi.Settings.of("--shutdown-timeout", shutdownTimeout).asDuration();
        } catch (RuntimeException e) {
            app.err.println("phoenix: --shutdown-timeout: expected a duration such as 30s or 2m, found '" + shutdownTimeout + "'");
            return ExitCode.USAGE;
        }
        Optional<String> bearer = Optional.ofNullable(token != null ? token : app.env.get("PHOENIX_API_TOKEN")).filter(t -> !t.isBlank());
        if (bearer.isPresent() && bearer.get().length() < 16) {
            app.err.println("phoenix: --token must be at least 16 characters (e.g. openssl rand -hex 24)");
            return ExitCode.USAGE;
        }
        boolean loopback;
        try {
            loopback = InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            app.err.println("phoenix: --bind: unknown address '" + bind + "'");
            return ExitCode.USAGE;
        }
        if (!loopback && bearer.isEmpty()) {
            app.err.println("phoenix: --bind " + bind + " is not a loopback address: the API would be open to the network; "
                    + "give --token (or PHOENIX_API_TOKEN), or bind to 127.0.0.1");
            return ExitCode.USAGE;
        }
        if (!clustered && (clusterPort != null || zone != null)) {
            app.err.println("phoenix: --cluster-port and --zone need --cluster");
            return ExitCode.USAGE;
        }
        if (clusterPort != null && (clusterPort < 1 || clusterPort > 65535)) {
            app.err.println("phoenix: --cluster-port must be between 1 and 65535");
            return ExitCode.USAGE;
        }
        if (zone != null && !ClusterSettings.validZone(zone)) {
            app.err.println("phoenix: --zone: zone names are letters, digits, '.', ':', '-' and '_' (at most 63), found '" + zone + "'");
            return ExitCode.USAGE;
        }
        PhoenixConfig cfg;
        Daemon daemon;
        try {
            Cluster cluster = null;
            if (clustered) {
                // the config first, with no Vert.x yet: the clustered Vert.x is the only one this process starts
                cfg = app.configLoaderAlone().load(config);
                ClusterSettings settings = cfg.cluster().override(clusterPort, zone);
                try {
                    cluster = App.await(HazelcastCluster.join(settings, App.vertxOptions()));
                } catch (Exception e) {
                    app.err.println("phoenix: cannot join the cluster on " + settings.host() + ":" + settings.port() + ": "
                            + dev.phoenix.spi.Errors.message(e));
                    return ExitCode.UNREACHABLE;
                }
                app.useVertx(cluster.vertx());
            } else {
                cfg = app.configLoader().load(config);
            }
            daemon = Daemon.start(app, cfg, new Daemon.Options(bind, port, bearer, unleash), cluster);
        } catch (ConfigFileException e) {
            return app.configErrors(e);
        } catch (IllegalStateException e) {
            app.err.println("phoenix: " + e.getMessage());
            return ExitCode.USAGE;
        }
        String host = bind.contains(":") ? "[" + bind + "]" : bind;
        app.out.printf("Phoenix serving on http://%s:%d/ (store %s; chaos %s)%n", host, daemon.port(), daemon.stores().describe(),
                daemon.unleashed() ? "unleashed" : "leashed");
        daemon.scheduler().schedules().forEach((kind, s) -> app.out.printf("  %s: %s, next at %s%n", kind.label(), s,
                daemon.scheduler().next(kind).map(Object::toString).orElse("never")));
        if (daemon.cluster() != null) {
            String served = cfg.cluster().override(clusterPort, zone).zone();
            app.out.printf("  cluster node %s (%s); the leader runs the schedules%n", daemon.cluster().self(),
                    served == null ? "every zone" : "zone " + served);
        }
        if (daemon.scheduler().schedules().isEmpty()) {
            app.out.println("  no schedule in the config: runs start with POST /api/runs");
        }
        app.out.flush();

        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            try {
                App.await(daemon.stop(deadline));
            } catch (Exception e) {
                app.err.println("phoenix: stopping: " + e.getMessage());
            } finally {
                stopped.countDown();
            }
        }, "phoenix-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        // the main thread waits until a signal's shutdown hook has stopped the daemon
        while (!stopped.await(1, TimeUnit.HOURS)) {
            // keep waiting
        }
        return ExitCode.OK;
    }
}
