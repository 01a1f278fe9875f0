package dev.phoenix.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.phoenix.report.PrometheusExporter;
import dev.phoenix.report.PrometheusText;
import dev.phoenix.json.Json;
import dev.phoenix.schedule.RunCoordinator;
import dev.phoenix.schedule.RunKind;
import dev.phoenix.schedule.RunStats;
import dev.phoenix.history.RunSummary;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API, {@code /metrics} and the dashboard of {@code phoenix serve}.
 *
 * <pre>{@code
 * vertx.deployVerticle(new ApiVerticle(state, "127.0.0.1", 8787))
 *      .onSuccess(id -> LOG.info("listening"));
 * }</pre>
 *
 * <table>
 *   <caption>Routes</caption>
 *   <tr><td>GET /api/runs[?limit=N]</td><td>recent runs (summaries, newest first) and the runs in progress</td></tr>
 *   <tr><td>GET /api/runs/{id}</td><td>a run's scorecard, its state while it runs, or why it failed</td></tr>
 *   <tr><td>GET /api/scorecard/latest</td><td>the newest scorecard</td></tr>
 *   <tr><td>POST /api/runs[?chaos=true]</td><td>start a run now: 202 with its id, 409 while one of that kind runs</td></tr>
 *   <tr><td>POST /api/chaos/stop</td><td>engage the kill switch; DELETE releases what POST set (never a STOP
 *       file made by hand)</td></tr>
 *   <tr><td>GET /api/status</td><td>schedules, next fire times, kill switch, runs in progress, recent failed runs</td></tr>
 *   <tr><td>GET /api/cluster</td><td>with {@code serve --cluster}: this node, the leader, every node and its zone (404 on a single node)</td></tr>
 *   <tr><td>GET /healthz</td><td>liveness; never needs the token</td></tr>
 *   <tr><td>GET /metrics</td><td>Prometheus text</td></tr>
 *   <tr><td>GET /</td><td>the dashboard</td></tr>
 * </table>
 *
 * With a token, every route but {@code /healthz} needs {@code Authorization: Bearer <token>}
 * (the dashboard also accepts HTTP Basic with the token as password, so a browser can open it).
 * Every POST and DELETE needs {@code X-Phoenix: 1}, token or not, so that no other site can make
 * a browser call them.
 */
public final class ApiVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(ApiVerticle.class);
    private static final String JSON = "application/json; charset=utf-8";
    /** The header every state-changing call carries ({@code X-Phoenix: 1}). */
    public static final String CSRF_HEADER = "X-Phoenix";

    private final ServeState state;
    private final String host;
    private final int port;
    private HttpServer server;

    public ApiVerticle(ServeState state, String host, int port) {
        this.state = state;
        this.host = host;
        this.port = port;
    }

    /** The port listened on (useful with port 0). */
    public int actualPort() {
        return server == null ? -1 : server.actualPort();
    }

    @Override
    public Future<?> start() {
        Router router = Router.router(vertx);
        router.get("/healthz").handler(rc -> json(rc, 200, Map.of("status", "ok")));
        state.token().ifPresent(token -> router.route().handler(new BearerAuth(token)));
        router.route().handler(ApiVerticle::requireCustomHeader);
        router.get("/api/runs").handler(this::runs);
        router.post("/api/runs").handler(this::trigger);
        router.get("/api/runs/:id").handler(this::run);
        router.get("/runs/:id/report.html").handler(this::report);
        router.get("/api/scorecard/latest").handler(this::latest);
        router.post("/api/chaos/stop").handler(this::stop);
        router.delete("/api/chaos/stop").handler(this::release);
        router.get("/api/status").handler(this::status);
        router.get("/api/cluster").handler(this::cluster);
        router.get("/metrics").handler(this::metrics);
        router.get("/").handler(this::dashboard);
        router.route().last().handler(rc -> json(rc, 404, Map.of("error", "no route " + rc.request().method() + " " + rc.request().path())));
        router.route().failureHandler(rc -> {
            Throwable e = rc.failure();
            int code = rc.statusCode() > 0 ? rc.statusCode() : 500;
            LOG.warn("api: {} {} failed: {}", rc.request().method(), rc.request().path(), e == null ? code : e.getMessage());
            if (!rc.response().ended()) {
                json(rc, code, Map.of("error", e == null || e.getMessage() == null ? "internal error" : e.getMessage()));
            }
        });
        return vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port).setCompressionSupported(true))
                .requestHandler(router)
                .listen()
                .onSuccess(s -> server = s);
    }

    private void runs(RoutingContext rc) {
        int limit = intParam(rc, "limit", 50, 1, 1000);
        state.runs().history().list(limit).onComplete(ar -> {
            if (ar.failed()) {
                rc.fail(ar.cause());
                return;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("active", state.runs().active());
            body.put("runs", ar.result());
            json(rc, 200, body);
        });
    }

    /** A stored run's scorecard rendered as the HTML report (the same page as {@code --format html}). */
    private void report(RoutingContext rc) {
        String id = rc.pathParam("id");
        state.runs().history().get(id).onComplete(ar -> {
            if (ar.failed()) {
                rc.fail(ar.cause());
            } else if (ar.result().isEmpty()) {
                json(rc, 404, Map.of("error", "no run '" + id + "' in " + state.store()));
            } else {
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                try {
                    new dev.phoenix.report.HtmlExporter().write(ar.result().get(), out);
                } catch (java.io.IOException e) {
                    rc.fail(e);
                    return;
                }
                rc.response().putHeader("Content-Type", "text/html; charset=utf-8")
                        .putHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
                        .putHeader("X-Content-Type-Options", "nosniff")
                        .end(io.vertx.core.buffer.Buffer.buffer(out.toByteArray()));
            }
        });
    }

    private void run(RoutingContext rc) {
        String id = rc.pathParam("id");
        Optional<RunCoordinator.ActiveRun> active = state.runs().active(id);
        if (active.isPresent()) {
            RunCoordinator.ActiveRun a = active.get();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("runId", a.runId());
            body.put("state", a.startedAt() == null ? "waiting" : "running");
            body.put("kind", a.kind().label());
            body.put("trigger", a.trigger());
            body.put("requestedAt", a.requestedAt());
            body.put("startedAt", a.startedAt());
            json(rc, 200, body);
            return;
        }
        Optional<RunCoordinator.FailedRun> failed = state.runs().failed(id);
        if (failed.isPresent()) {
            json(rc, 200, failedRun(failed.get()));
            return;
        }
        state.runs().history().get(id).onComplete(ar -> {
            if (ar.failed()) {
                rc.fail(ar.cause());
            } else if (ar.result().isPresent()) {
                json(rc, 200, ar.result().get());
            } else {
                json(rc, 404, Map.of("error", "no run '" + id + "' in " + state.store()));
            }
        });
    }

    private void latest(RoutingContext rc) {
        state.runs().history().latest().onComplete(ar -> {
            if (ar.failed()) {
                rc.fail(ar.cause());
            } else if (ar.result().isPresent()) {
                json(rc, 200, ar.result().get());
            } else {
                json(rc, 404, Map.of("error", "no run yet"));
            }
        });
    }

    private void cluster(RoutingContext rc) {
        if (state.cluster() == null) {
            json(rc, 404, Map.of("error", "this node is not in a cluster (start it with phoenix serve --cluster)"));
            return;
        }
        state.cluster().describe().onComplete(ar -> {
            if (ar.failed()) {
                rc.fail(ar.cause());
            } else {
                json(rc, 200, ar.result());
            }
        });
    }

    private void trigger(RoutingContext rc) {
        String chaos = rc.queryParams().get("chaos");
        if (chaos != null && !chaos.equals("true") && !chaos.equals("false")) {
            json(rc, 400, Map.of("error", "chaos must be true or false, found '" + chaos + "'"));
            return;
        }
        if (state.cluster() != null && !state.cluster().leading()) {
            // runs, chaos above all, start on the leader only: it alone holds the cluster-wide lock
            state.cluster().leader().onComplete(ar -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("error", "this node does not lead the cluster; start runs on the leader");
                body.put("leader", ar.succeeded() ? ar.result().orElse(null) : null);
                json(rc, 409, body);
            });
            return;
        }
        RunKind kind = "true".equals(chaos) ? RunKind.CHAOS : RunKind.AUDIT;
        state.runs().trigger(kind, "api from " + rc.request().remoteAddress().hostAddress()).onComplete(ar -> {
            if (ar.failed()) {
                rc.fail(ar.cause());
                return;
            }
            RunCoordinator.Trigger t = ar.result();
            if (!t.accepted()) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("error", t.reason());
                state.runs().active().stream().filter(a -> a.kind() == kind).findFirst().ifPresent(a -> body.put("runId", a.runId()));
                json(rc, t.refusal() == RunCoordinator.Refusal.SHUTTING_DOWN ? 503 : 409, body);
                return;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("runId", t.runId());
            body.put("kind", kind.label());
            body.put("status", "/api/runs/" + t.runId());
            rc.response().putHeader("Location", "/api/runs/" + t.runId());
            json(rc, 202, body);
        });
    }

    private void stop(RoutingContext rc) {
        String who = "POST /api/chaos/stop from " + rc.request().remoteAddress().hostAddress() + " at " + state.clock().instant();
        state.killSwitch().engage(who).onComplete(ar -> {
            LOG.warn("kill switch engaged: {}", who);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("killSwitch", "engaged");
            body.put("reason", who);
            body.put("file", state.killSwitch().file().isEmpty() ? null : state.killSwitch().file());
            if (ar.failed()) {
                body.put("warning", "engaged in this process, but the file could not be written: " + ar.cause().getMessage());
            }
            json(rc, 200, body);
        });
    }

    private void release(RoutingContext rc) {
        state.killSwitch().release().onComplete(released -> {
            if (released.failed()) {
                rc.fail(released.cause());
                return;
            }
            state.killSwitch().check().onComplete(ar -> {
                if (ar.failed()) {
                    rc.fail(ar.cause());
                    return;
                }
                LOG.warn("kill switch released through the API from {}{}", rc.request().remoteAddress().hostAddress(),
                        ar.result().map(r -> "; still engaged: " + r).orElse(""));
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("killSwitch", ar.result().isPresent() ? "engaged" : "released");
                ar.result().ifPresent(r -> body.put("reason", r));
                released.result().ifPresent(kept -> body.put("note", kept));
                json(rc, 200, body);
            });
        });
    }

    /**
     * State-changing calls must carry {@code X-Phoenix}: a browser sends no custom header
     * cross-site without a CORS preflight, which this API never grants, so a page elsewhere cannot
     * start a run or touch the kill switch through a visitor's browser (with or without a token:
     * a browser may hold the token as Basic credentials).
     */
    private static void requireCustomHeader(RoutingContext rc) {
        HttpMethod m = rc.request().method();
        boolean changesState = m != HttpMethod.GET && m != HttpMethod.HEAD && m != HttpMethod.OPTIONS;
        String header = rc.request().getHeader(CSRF_HEADER);
        if (changesState && (header == null || header.isBlank())) {
            json(rc, 403, Map.of("error", rc.request().method() + " " + rc.request().path() + " needs the header " + CSRF_HEADER
                    + ": 1 (protection against cross-site requests)"));
            return;
        }
        rc.next();
    }

    private void status(RoutingContext rc) {
        state.killSwitch().check().otherwise(e -> Optional.of("kill switch could not be checked: " + e.getMessage())).onComplete(ar -> {
            Map<String, Object> body = new LinkedHashMap<>();
            Map<String, Object> schedules = new LinkedHashMap<>();
            state.scheduler().schedules().forEach((k, s) -> schedules.put(k.label(), Map.of("cron", s.expression(), "zone", s.zone().getId(),
                    "next", state.scheduler().next(k).map(Instant::toString).orElse("never"))));
            body.put("schedules", schedules);
            body.put("killSwitch", ar.result().orElse(null));
            body.put("chaos", state.unleashed() ? "unleashed" : "leashed");
            body.put("active", state.runs().active());
            body.put("failed", state.runs().failed().stream().map(ApiVerticle::failedRun).toList());
            body.put("lastError", state.runs().stats().lastError().orElse(null));
            body.put("store", state.store());
            json(rc, 200, body);
        });
    }

    private static Map<String, Object> failedRun(RunCoordinator.FailedRun f) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("runId", f.runId());
        body.put("state", "failed");
        body.put("kind", f.kind().label());
        body.put("trigger", f.trigger());
        body.put("requestedAt", f.requestedAt());
        body.put("startedAt", f.startedAt());
        body.put("failedAt", f.failedAt());
        body.put("error", f.error());
        return body;
    }

    private void metrics(RoutingContext rc) {
        Future.all(state.runs().history().latest(), state.killSwitch().check().otherwise(Optional.of("unknown")), lastChaos())
                .onComplete(ar -> {
                    if (ar.failed()) {
                        rc.fail(ar.cause());
                        return;
                    }
                    Optional<dev.phoenix.report.Scorecard> latest = ar.result().resultAt(0);
                    Optional<String> kill = ar.result().resultAt(1);
                    Optional<dev.phoenix.report.Scorecard> chaos = ar.result().resultAt(2);
                    PrometheusText text = new PrometheusText();
                    serveMetrics(text, kill.isPresent());
                    latest.ifPresent(s -> PrometheusExporter.append(s, chaos.orElse(null), text));
                    rc.response().putHeader("Content-Type", PrometheusText.CONTENT_TYPE).end(text.toString());
                });
    }

    /** The newest run of the history in which experiments ran (of the last 50), to keep the chaos series at their last value. */
    private Future<Optional<dev.phoenix.report.Scorecard>> lastChaos() {
        return state.runs().history().list(50).compose(runs -> runs.stream()
                        .filter(r -> r.score() != null && r.score().reproducibility() != null).findFirst()
                        .map(r -> state.runs().history().get(r.runId()))
                        .orElse(Future.succeededFuture(Optional.empty())))
                .otherwise(Optional.empty());
    }

    private void serveMetrics(PrometheusText text, boolean killSwitch) {
        RunStats stats = state.runs().stats();
        text.family("phoenix_serve_runs_total", "counter", "Runs since this process started, by kind and result.");
        for (RunKind kind : RunKind.values()) {
            RunStats.Results r = stats.results(kind);
            text.sample("phoenix_serve_runs_total", labels("kind", kind.label(), "result", "complete"), r.complete());
            text.sample("phoenix_serve_runs_total", labels("kind", kind.label(), "result", "incomplete"), r.incomplete());
            text.sample("phoenix_serve_runs_total", labels("kind", kind.label(), "result", "failed"), r.failed());
            text.sample("phoenix_serve_runs_total", labels("kind", kind.label(), "result", "skipped"), r.skipped());
        }
        text.family("phoenix_serve_run_duration_seconds", "summary", "Duration of the finished runs since this process started.");
        for (RunKind kind : RunKind.values()) {
            RunStats.Durations d = stats.durations(kind);
            text.sample("phoenix_serve_run_duration_seconds_sum", labels("kind", kind.label()), d.sumSeconds());
            text.sample("phoenix_serve_run_duration_seconds_count", labels("kind", kind.label()), d.count());
        }
        text.family("phoenix_serve_runs_in_progress", "gauge", "Runs in progress or waiting, by kind.");
        Map<RunKind, Integer> active = new EnumMap<>(RunKind.class);
        state.runs().active().forEach(a -> active.merge(a.kind(), 1, Integer::sum));
        for (RunKind kind : RunKind.values()) {
            text.sample("phoenix_serve_runs_in_progress", labels("kind", kind.label()), active.getOrDefault(kind, 0));
        }
        text.family("phoenix_serve_chaos_experiments_total", "counter", "Chaos experiments since this process started, by verdict.");
        for (dev.phoenix.report.ChaosVerdict v : dev.phoenix.report.ChaosVerdict.values()) {
            text.sample("phoenix_serve_chaos_experiments_total", labels("verdict", v.name()), stats.verdicts(v));
        }
        RunStats.Durations ttr = stats.timeToReplace();
        text.family("phoenix_serve_chaos_time_to_replace_seconds", "summary",
                "Time from termination request to replacement in service, since this process started.");
        text.sample("phoenix_serve_chaos_time_to_replace_seconds_sum", ttr.sumSeconds());
        text.sample("phoenix_serve_chaos_time_to_replace_seconds_count", ttr.count());
        text.family("phoenix_serve_kill_switch_engaged", "gauge", "1 while the chaos kill switch is engaged.")
                .sample("phoenix_serve_kill_switch_engaged", killSwitch ? 1 : 0);
        text.family("phoenix_serve_next_run_timestamp_seconds", "gauge", "When each scheduled kind runs next (Unix time).");
        for (RunKind kind : RunKind.values()) {
            state.scheduler().next(kind).ifPresent(t -> text.sample("phoenix_serve_next_run_timestamp_seconds",
                    labels("kind", kind.label()), t.toEpochMilli() / 1000.0));
        }
    }

    private void dashboard(RoutingContext rc) {
        Future.all(state.runs().history().list(Dashboard.TREND_RUNS),
                        state.killSwitch().check().otherwise(e -> Optional.of("kill switch could not be checked: " + e.getMessage())))
                .onComplete(ar -> {
                    if (ar.failed()) {
                        rc.fail(ar.cause());
                        return;
                    }
                    List<RunSummary> runs = ar.result().resultAt(0);
                    Optional<String> kill = ar.result().resultAt(1);
                    Map<RunKind, Optional<Instant>> next = new EnumMap<>(RunKind.class);
                    Map<RunKind, String> schedules = new EnumMap<>(RunKind.class);
                    state.scheduler().schedules().forEach((k, s) -> {
                        schedules.put(k, s.toString());
                        next.put(k, state.scheduler().next(k));
                    });
                    String html = Dashboard.render(new Dashboard.View(runs, state.runs().active(), kill, next, schedules, state.store(),
                            state.unleashed(), state.clock().instant()));
                    rc.response().putHeader("Content-Type", "text/html; charset=utf-8")
                            .putHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'")
                            .putHeader("X-Content-Type-Options", "nosniff")
                            .end(html);
                });
    }

    private static Map<String, String> labels(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static int intParam(RoutingContext rc, String name, int fallback, int min, int max) {
        String v = rc.queryParams().get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Math.max(min, Math.min(max, Integer.parseInt(v)));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static void json(RoutingContext rc, int status, Object body) {
        try {
            rc.response().setStatusCode(status).putHeader("Content-Type", JSON)
                    .end(Json.mapper().writeValueAsString(body));
        } catch (JsonProcessingException e) {
            rc.response().setStatusCode(500).end("{\"error\":\"cannot serialise the response\"}");
        }
    }
}
