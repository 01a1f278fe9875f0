package dev.phoenix.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.phoenix.testing.PrometheusTextParser;
import dev.phoenix.report.ChaosVerdict;
import dev.phoenix.report.MemberStatus;
import dev.phoenix.report.Scorecard;
import dev.phoenix.json.Json;
import dev.phoenix.report.ScorecardJson;
import dev.phoenix.testing.Requirements;
import io.vertx.core.Promise;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code phoenix serve} against the simulated fleet (real HTTP servers on 127.0.0.1), through its real API. */
class ServeTest {

    private static final String TOKEN = "s3cret-token-0123456789";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private App app;
    private Daemon daemon;

    @AfterEach
    void stop() throws Exception {
        if (daemon != null) {
            App.await(daemon.stop(Duration.ofSeconds(2)));
        }
        if (app != null) {
            app.close();
        }
    }

    private Path config(String webSource, String extra) throws Exception {
        Path file = dir.resolve("phoenix.yaml");
        Files.writeString(file, """
                store: store
                probing: {targets: loopback, timeout: 5s}
                groups:
                  - name: web
                    source: {simulated: {members: 3, kind: instance, image: web, version: 2.4.1%s}}
                    probes: [{http: {url: "{url}", name: state, identity: ["member.*"]}}]
                  - name: hosts
                    source: {simulated: {members: 3, kind: host, image: debian-base, version: "12.8", drift-rate: 0.5}}
                    probes: [{http: {url: "{url}", name: state, identity: ["member.*"]}}]
                chaos: {enabled: true, max-per-group: 1, min-healthy: 50%%, replace-timeout: 5m}
                %s
                """.formatted(webSource, extra));
        return file;
    }

    private Daemon start(Path config, Optional<String> token, boolean unleash) throws Exception {
        app = new App(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of(), Clock.systemUTC());
        daemon = Daemon.start(app, app.configLoader().load(config), new Daemon.Options("127.0.0.1", 0, token, unleash));
        return daemon;
    }

    /** A call as a script makes it: state-changing ones carry {@code X-Phoenix: 1}. */
    private HttpResponse<String> call(String method, String path, String authorization) throws Exception {
        return call(method, path, authorization, !method.equals("GET"));
    }

    private HttpResponse<String> call(String method, String path, String authorization, boolean phoenixHeader) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.port() + path))
                .timeout(Duration.ofSeconds(10)).method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (phoenixHeader) {
            b.header("X-Phoenix", "1");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return call("GET", path, null);
    }

    /** Waits, on Vert.x timers, until {@code condition} holds; the condition must not block. */
    private void until(BooleanSupplier condition, Duration timeout) throws Exception {
        Promise<Void> met = Promise.promise();
        long deadline = System.nanoTime() + timeout.toNanos();
        app.vertx().setPeriodic(50, id -> {
            if (condition.getAsBoolean()) {
                app.vertx().cancelTimer(id);
                met.tryComplete();
            } else if (System.nanoTime() > deadline) {
                app.vertx().cancelTimer(id);
                met.tryFail("condition not met within " + timeout);
            }
        });
        App.await(met.future());
    }

    private Scorecard runViaApi(boolean chaos) throws Exception {
        HttpResponse<String> accepted = call("POST", "/api/runs" + (chaos ? "?chaos=true" : ""), null);
        assertThat(accepted.statusCode()).isEqualTo(202);
        String id = Json.mapper().readTree(accepted.body()).get("runId").asText();
        assertThat(accepted.headers().firstValue("Location")).contains("/api/runs/" + id);
        until(() -> daemon.runs().active(id).isEmpty(), Duration.ofSeconds(60));
        HttpResponse<String> done = get("/api/runs/" + id);
        assertThat(done.statusCode()).isEqualTo(200);
        HttpResponse<String> report = get("/runs/" + id + "/report.html");
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(report.body()).contains("Phoenix consistency scorecard").contains(id);
        assertThat(get("/").body()).as("the dashboard links the rendered report").contains("/runs/" + id + "/report.html");
        assertThat(get("/runs/no-such-run/report.html").statusCode()).isEqualTo(404);
        return ScorecardJson.read(new java.io.ByteArrayInputStream(done.body().getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void bindToEveryAddressWithoutToken_exitsWithUsageError() throws Exception {
        Path config = config("", "");
        int code = Main.run(new String[] {"serve", "--config", config.toString(), "--bind", "0.0.0.0"},
                new PrintStream(out, true), new PrintStream(err, true), Map.of(), Clock.systemUTC());
        assertThat(code).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("--bind 0.0.0.0 is not a loopback address").contains("--token");
    }

    @Test
    void shortToken_exitsWithUsageError() throws Exception {
        int code = Main.run(new String[] {"serve", "--config", config("", "").toString(), "--token", "short"},
                new PrintStream(out, true), new PrintStream(err, true), Map.of(), Clock.systemUTC());
        assertThat(code).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("--token must be at least 16 characters");
    }

    @Test
    void badScheduleInConfig_exitsWithUsageErrorNamingTheLine() throws Exception {
        Path config = config("", "schedule: {audit: \"*/15 * * *\"}");
        int code = Main.run(new String[] {"serve", "--config", config.toString()},
                new PrintStream(out, true), new PrintStream(err, true), Map.of(), Clock.systemUTC());
        assertThat(code).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("phoenix.yaml:11:").contains("schedule.audit").contains("5 fields");
    }

    @Test
    void everySecondSchedule_runsAuditsOnItsOwn() throws Exception {
        start(config("", "schedule: {audit: \"* * * * * *\", zone: UTC}"), Optional.empty(), false);
        until(() -> daemon.runs().stats().results(dev.phoenix.schedule.RunKind.AUDIT).complete() >= 3, Duration.ofSeconds(30));
        JsonNode runs = Json.mapper().readTree(get("/api/runs").body()).get("runs");
        assertThat(runs.size()).isGreaterThanOrEqualTo(3);
        for (JsonNode r : runs) {
            assertThat(r.get("complete").asBoolean()).isTrue();
            assertThat(r.get("chaos").size()).as("audit runs have no chaos phase").isZero();
        }
        assertThat(get("/api/scorecard/latest").statusCode()).isEqualTo(200);
    }

    @Test
    void tokenSet_refusesUnauthenticatedCalls() throws Exception {
        start(config("", ""), Optional.of(TOKEN), false);
        assertThat(call("GET", "/api/runs", null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/api/runs", "Bearer wrong-token-0123456789").statusCode()).isEqualTo(401);
        assertThat(call("POST", "/api/runs", null).statusCode()).isEqualTo(401);
        assertThat(call("POST", "/api/chaos/stop", null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/metrics", null).statusCode()).isEqualTo(401);
        HttpResponse<String> page = call("GET", "/", null);
        assertThat(page.statusCode()).isEqualTo(401);
        assertThat(page.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(App.await(daemon.killSwitch().check())).as("the refused stop changed nothing").isEmpty();

        assertThat(call("GET", "/healthz", null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/api/runs", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/metrics", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
        String basic = "Basic " + Base64.getEncoder().encodeToString(("anyone:" + TOKEN).getBytes(StandardCharsets.UTF_8));
        assertThat(call("GET", "/", basic).statusCode()).isEqualTo(200);
    }

    @Test
    void secondRunOfTheSameKind_isRefusedWith409WhileTheFirstRuns() throws Exception {
        // unleashed chaos with slow replacements keeps the first run busy for seconds
        start(config(", boot-delay: 4s", ""), Optional.empty(), true);
        HttpResponse<String> first = call("POST", "/api/runs?chaos=true", null);
        assertThat(first.statusCode()).isEqualTo(202);
        String id = Json.mapper().readTree(first.body()).get("runId").asText();
        HttpResponse<String> second = call("POST", "/api/runs?chaos=true", null);
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(Json.mapper().readTree(second.body()).get("runId").asText()).isEqualTo(id);
        JsonNode state = Json.mapper().readTree(get("/api/runs/" + id).body());
        assertThat(state.get("state").asText()).isIn("running", "waiting");
        assertThat(call("POST", "/api/runs?chaos=maybe", null).statusCode()).isEqualTo(400);
    }

    @Test
    void killSwitchThroughTheApi_stopsAnUnleashedChaosRunFromTerminatingAnything() throws Exception {
        start(config("", ""), Optional.empty(), true);
        Scorecard before = runViaApi(false);
        HttpResponse<String> stop = call("POST", "/api/chaos/stop", null);
        assertThat(stop.statusCode()).isEqualTo(200);
        assertThat(dir.resolve("store/chaos/STOP")).exists();
        Scorecard guarded = runViaApi(true);
        assertThat(guarded.mode()).isEqualTo("unleashed");
        assertThat(guarded.chaos()).isNotEmpty().allSatisfy(c -> {
            assertThat(c.verdict()).isEqualTo(ChaosVerdict.SKIPPED);
            assertThat(c.reason()).startsWith("not injecting: kill-switch: kill switch engaged (POST /api/chaos/stop from 127.0.0.1");
        });
        assertThat(guarded.members()).extracting(m -> m.id())
                .as("no member was replaced").containsExactlyInAnyOrderElementsOf(before.members().stream().map(m -> m.id()).toList());
        assertThat(guarded.score().reproducibility()).isNull();
    }

    @Test
    void stateChangingCallsWithoutTheXPhoenixHeader_areRefused_asACrossSiteFormWouldSendThem() throws Exception {
        start(config("", ""), Optional.empty(), true);
        // what a form on another site can make a browser send: a simple POST, no custom header
        HttpResponse<String> run = call("POST", "/api/runs?chaos=true", null, false);
        assertThat(run.statusCode()).isEqualTo(403);
        assertThat(run.body()).contains("X-Phoenix");
        assertThat(call("POST", "/api/chaos/stop", null, false).statusCode()).isEqualTo(403);
        assertThat(daemon.runs().active()).as("no run was started").isEmpty();
        assertThat(App.await(daemon.killSwitch().check())).as("the switch was not engaged").isEmpty();
        assertThat(call("POST", "/api/chaos/stop", null, true).statusCode()).isEqualTo(200);
        assertThat(call("DELETE", "/api/chaos/stop", null, false).statusCode()).isEqualTo(403);
        assertThat(App.await(daemon.killSwitch().check())).as("the switch was not released").isPresent();
        assertThat(call("GET", "/api/status", null, false).statusCode()).as("reads need no header").isEqualTo(200);
    }

    @Test
    void releaseThroughTheApi_removesItsOwnStopFile_butNeverOneMadeByHand() throws Exception {
        start(config("", ""), Optional.empty(), false);
        Path stop = dir.resolve("store/chaos/STOP");
        assertThat(call("POST", "/api/chaos/stop", null).statusCode()).isEqualTo(200);
        assertThat(stop).exists();
        JsonNode released = Json.mapper().readTree(call("DELETE", "/api/chaos/stop", null).body());
        assertThat(released.get("killSwitch").asText()).isEqualTo("released");
        assertThat(stop).doesNotExist();

        Files.writeString(stop, "maintenance until Friday (ops)");
        assertThat(call("POST", "/api/chaos/stop", null).statusCode()).isEqualTo(200);
        assertThat(stop).as("POST leaves the operator's file as it is").hasContent("maintenance until Friday (ops)");
        JsonNode kept = Json.mapper().readTree(call("DELETE", "/api/chaos/stop", null).body());
        assertThat(kept.get("killSwitch").asText()).isEqualTo("engaged");
        assertThat(kept.get("note").asText()).contains("was not written by POST /api/chaos/stop");
        assertThat(stop).exists().hasContent("maintenance until Friday (ops)");
        assertThat(App.await(daemon.killSwitch().check())).isPresent();
    }

    @Test
    void runThatFails_isReportedUnderItsIdAndInTheStatus_notAs404() throws Exception {
        start(config("", ""), Optional.empty(), false);
        Files.createDirectories(dir.resolve("store/baselines"));
        Files.writeString(dir.resolve("store/baselines/web.json"), "{\"version\": 1, \"members\": {");
        HttpResponse<String> accepted = call("POST", "/api/runs", null);
        assertThat(accepted.statusCode()).isEqualTo(202);
        String id = Json.mapper().readTree(accepted.body()).get("runId").asText();
        until(() -> daemon.runs().active(id).isEmpty(), Duration.ofSeconds(60));

        HttpResponse<String> run = get("/api/runs/" + id);
        assertThat(run.statusCode()).isEqualTo(200);
        JsonNode failed = Json.mapper().readTree(run.body());
        assertThat(failed.get("state").asText()).isEqualTo("failed");
        assertThat(failed.get("kind").asText()).isEqualTo("audit");
        assertThat(failed.get("error").asText()).contains("baselines/web.json is corrupt");
        JsonNode status = Json.mapper().readTree(get("/api/status").body());
        assertThat(status.get("failed").get(0).get("runId").asText()).isEqualTo(id);
        assertThat(status.get("lastError").asText()).contains("baselines/web.json is corrupt");
    }

    @Test
    void metrics_parseAsPrometheusText() throws Exception {
        start(config("", ""), Optional.empty(), true);
        runViaApi(false);
        runViaApi(true);
        HttpResponse<String> metrics = get("/metrics");
        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain; version=0.0.4"));
        PrometheusTextParser.Exposition e = PrometheusTextParser.parse(metrics.body());
        assertThat(e.value("phoenix_serve_runs_total", Map.of("kind", "audit", "result", "complete"))).isEqualTo(1);
        assertThat(e.value("phoenix_serve_runs_total", Map.of("kind", "chaos", "result", "complete"))).isEqualTo(1);
        assertThat(e.value("phoenix_serve_run_duration_seconds_count", Map.of("kind", "audit"))).isEqualTo(1);
        // unleashed: web loses one member, whose replacement reproduces it
        assertThat(e.value("phoenix_serve_chaos_experiments_total", Map.of("verdict", "REPRODUCED"))).isEqualTo(1);
        assertThat(e.value("phoenix_serve_chaos_time_to_replace_seconds_count", Map.of())).isEqualTo(1);
        assertThat(e.value("phoenix_serve_chaos_time_to_replace_seconds_sum", Map.of())).isGreaterThan(0);
        assertThat(e.value("phoenix_members", Map.of("status", "CONSISTENT")) + e.value("phoenix_members", Map.of("status", "DRIFTED"))
                + e.value("phoenix_members", Map.of("status", "BASELINED"))).isEqualTo(6);
        assertThat(e.value("phoenix_score", Map.of("kind", "overall"))).isBetween(0.0, 100.0);
        assertThat(e.value("phoenix_serve_kill_switch_engaged", Map.of())).isZero();
        assertThat(e.named("phoenix_probe_errors")).hasSize(1);
    }

    @Test
    void shutdown_cutsTheRunInFlightAndRecordsItIncomplete() throws Exception {
        // a replacement takes 30-90 s to boot; the shutdown deadline is 1.5 s
        start(config(", boot-delay: 60s", ""), Optional.empty(), true);
        HttpResponse<String> accepted = call("POST", "/api/runs?chaos=true", null);
        String id = Json.mapper().readTree(accepted.body()).get("runId").asText();
        until(() -> daemon.runs().active(id).map(a -> a.startedAt() != null).orElse(false), Duration.ofSeconds(10));
        App.await(daemon.stop(Duration.ofMillis(1500)));
        Scorecard cut = App.await(daemon.runs().history().get(id)).orElseThrow();
        assertThat(cut.complete()).isFalse();
        assertThat(cut.chaos()).anySatisfy(c -> {
            assertThat(c.verdict()).isEqualTo(ChaosVerdict.TIMED_OUT);
            assertThat(c.reason()).contains("the run was cut short while").contains("was being replaced");
        });
        try (Stream<Path> files = Files.walk(dir.resolve("store"))) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
        daemon = null;
    }

    @Test
    void dashboard_inHeadlessChromium_showsTheTrendAfterAFewRuns() throws Exception {
        Path chromium = Requirements.executable("/usr/bin/chromium", "/usr/bin/chromium-browser");
        // every web member changes in place after the first audit: the latest run has MUTATED members to list
        start(config(", mutate-rate: 1.0", ""), Optional.empty(), false);
        List<Integer> scores = new java.util.ArrayList<>();
        Scorecard latest = null;
        for (int i = 0; i < 4; i++) {
            latest = runViaApi(i == 3);
            scores.add(latest.score().overall());
        }
        Path target = Path.of("target").toAbsolutePath();
        Files.createDirectories(target);
        String url = "http://127.0.0.1:" + daemon.port() + "/";
        String dom = chromium(chromium, "--dump-dom", url);
        assertThat(dom).contains("<polyline id=\"trend-line\"");
        String points = dom.replaceAll("(?s).*<polyline id=\"trend-line\" class=\"line\" points=\"([^\"]*)\".*", "$1");
        assertThat(points.trim().split(" ")).hasSize(4);
        assertThat(dom).contains("<div id=\"latest-score\" class=\"big\">" + scores.get(3) + "</div>");
        assertThat(dom).contains("id=\"chaos\"").contains("Chaos history");
        List<dev.phoenix.report.MemberResult> attention = latest.members().stream()
                .filter(m -> m.status() == MemberStatus.DRIFTED || m.status() == MemberStatus.MUTATED).toList();
        assertThat(attention).extracting(m -> m.status()).contains(MemberStatus.MUTATED);
        String table = dom.replaceAll("(?s).*(<table id=\"attention\">.*?</table>).*", "$1");
        assertThat(table).startsWith("<table id=\"attention\">");
        for (dev.phoenix.report.MemberResult m : attention) {
            assertThat(table).contains("<tr><td><code>" + m.id() + "</code></td><td>" + m.group() + "</td><td><span class=\"pill "
                    + m.status().name().toLowerCase(java.util.Locale.ROOT) + "\">" + m.status() + "</span>");
        }
        assertThat(table.split("<tr>")).as("a header and one row per drifted or mutated member").hasSize(2 + attention.size());
        Files.writeString(target.resolve("dashboard.html"), dom);
        Path png = target.resolve("dashboard.png");
        Files.deleteIfExists(png);
        chromium(chromium, "--screenshot=" + png, url);
        assertThat(png).exists();
        assertThat(Files.size(png)).isGreaterThan(10_000);
    }

    private String chromium(Path chromium, String action, String url) throws Exception {
        Path profile = Files.createTempDirectory(dir, "chromium-profile");
        Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--window-size=1280,1400", action, url)
                .redirectError(dir.resolve("chromium.err").toFile()).start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        assertThat(p.exitValue()).as(() -> "chromium: " + readQuietly(dir.resolve("chromium.err"))).isZero();
        return stdout;
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (Exception e) {
            return "";
        }
    }
}
