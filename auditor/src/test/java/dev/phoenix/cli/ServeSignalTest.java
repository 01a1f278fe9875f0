package dev.phoenix.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phoenix.report.ChaosVerdict;
import dev.phoenix.report.Scorecard;
import dev.phoenix.json.Json;
import dev.phoenix.report.ScorecardJson;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code phoenix serve} as its own process, stopped with SIGTERM while a chaos run waits for a replacement. */
class ServeSignalTest {

    @TempDir
    Path dir;

    @Test
    void sigterm_cutsTheRunInFlightRecordsItIncompleteAndLeavesNoPartialFiles() throws Exception {
        Path config = dir.resolve("phoenix.yaml");
        Files.writeString(config, """
                store: store
                probing: {targets: loopback}
                groups:
                  - name: web
                    source: {simulated: {members: 3, kind: instance, boot-delay: 60s}}
                    probes: [{http: {url: "{url}", name: state, identity: ["member.*"]}}]
                chaos: {enabled: true, max-per-group: 1, replace-timeout: 5m}
                """);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // the product's logback.xml, not the test one that the test class path would pick first
        ProcessBuilder pb = new ProcessBuilder(java, "-Dlogback.configurationFile=logback.xml",
                "-cp", System.getProperty("java.class.path"), "dev.phoenix.cli.Main",
                "serve", "--config", config.toString(), "--port", "0", "--unleash", "--shutdown-timeout", "1s", "--log-format", "json")
                .redirectError(dir.resolve("serve.err").toFile());
        pb.environment().remove("PHOENIX_LOG_LEVEL");
        Process p = pb.start();
        try {
            BufferedReader stdout = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String first = stdout.readLine();
            assertThat(first).as(() -> "serve's first line; stderr: " + read(dir.resolve("serve.err"))).contains("Phoenix serving on");
            Matcher m = Pattern.compile("127\\.0\\.0\\.1:(\\d+)").matcher(first);
            assertThat(m.find()).isTrue();
            String base = "http://127.0.0.1:" + m.group(1);
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(URI.create(base + "/api/runs?chaos=true"))
                    .header("X-Phoenix", "1").POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(accepted.statusCode()).isEqualTo(202);
            String id = Json.mapper().readTree(accepted.body()).get("runId").asText();
            // wait until the experiment is in flight: the ledger records a termination before it is requested
            Path ledger = dir.resolve("store/chaos/ledger.json");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.exists(ledger) && System.nanoTime() < deadline) {
                HttpResponse<String> state = http.send(HttpRequest.newBuilder(URI.create(base + "/api/runs/" + id)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(state.statusCode()).isEqualTo(200);
            }
            assertThat(ledger).exists();

            p.destroy(); // SIGTERM
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("serve stopped after SIGTERM").isTrue();

            Scorecard card;
            try (var in = Files.newInputStream(dir.resolve("store/runs/" + id + "/scorecard.json"))) {
                card = ScorecardJson.read(in);
            }
            assertThat(card.complete()).isFalse();
            assertThat(card.chaos()).singleElement().satisfies(c -> assertThat(c.verdict()).isEqualTo(ChaosVerdict.TIMED_OUT));
            assertThat(dir.resolve("store/runs/" + id + "/summary.json")).exists();
            try (Stream<Path> files = Files.walk(dir.resolve("store"))) {
                assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
            }
            List<String> log = Files.readAllLines(dir.resolve("serve.err"));
            assertThat(log).isNotEmpty().allSatisfy(line -> assertThat(Json.mapper().readTree(line).has("level")).isTrue());
            assertThat(log).anySatisfy(line -> assertThat(line).contains("cut short"));
        } finally {
            p.destroyForcibly();
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (Exception e) {
            return "";
        }
    }
}
