package dev.phoenix.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.phoenix.fakes.LoopbackHost;
import dev.phoenix.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineHistoryTest {

    @TempDir
    Path dir;

    private String run(String... args) {
        return run(0, Clock.systemUTC(), args);
    }

    private String run(int expectedCode, Clock clock, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("USER", "ci"), clock);
        assertThat(code).as(() -> out + "\n" + err).isEqualTo(expectedCode);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void acceptingDrift_recordsWhoAcceptedWhichFactsWhenAndWhy_andTheHostIsConsistentAgain() throws Exception {
        try (LoopbackHost host = LoopbackHost.start("{\"openssl\": \"3.0.15\", \"workers\": 4}")) {
            Path config = dir.resolve("phoenix.yaml");
            Files.writeString(config, """
                    store: store
                    probing: {targets: loopback}
                    groups:
                      - name: db
                        source: {static: {hosts: [{id: db-1, url: "%s"}]}}
                        probes: [{http: {url: "{url}", name: state}}]
                    """.formatted(host.url("/state")));
            run("baseline", "capture", "--config", config.toString(), "--by", "alice");
            host.state("{\"openssl\": \"3.0.16\", \"workers\": 4}");
            String drifted = run(1, Clock.systemUTC(), "audit", "--config", config.toString(), "--out", dir.resolve("a").toString());
            assertThat(drifted).contains("DRIFTED").contains("db-1");

            Instant at = Instant.parse("2026-11-02T09:15:00Z");
            String accepted = run(0, Clock.fixed(at, ZoneOffset.UTC), "baseline", "accept", "--config", config.toString(),
                    "--member", "db-1", "--by", "bob", "--reason", "CVE-2026-0001 patch");
            assertThat(accepted).contains("db: accepted baseline of db-1 (1 facts: http.state.json.openssl 3.0.15 -> 3.0.16)");

            String shown = run("baseline", "show", "--config", config.toString());
            assertThat(shown).containsPattern("2026-11-02T09:15:00Z +bob +accept +member db-1 \\(1 facts: "
                    + "http.state.json.openssl 3.0.15 -> 3.0.16\\).*CVE-2026-0001 patch");
            JsonNode entry = null;
            try (var files = Files.list(dir.resolve("store/baselines/history/db"))) {
                List<Path> logs = files.toList();
                assertThat(logs).as("one file per decision: the capture and the acceptance").hasSize(2);
                for (Path log : logs) {
                    JsonNode node = Json.mapper().readTree(log.toFile());
                    for (JsonNode e : node.isArray() ? node : List.of(node)) {
                        if (e.path("action").asText().equals("accept")) {
                            entry = e;
                        }
                    }
                }
            }
            assertThat(entry).as("the acceptance is in the decision log").isNotNull();
            assertThat(entry.path("at").asText()).isEqualTo("2026-11-02T09:15:00Z");
            assertThat(entry.path("by").asText()).isEqualTo("bob");
            assertThat(entry.path("reason").asText()).isEqualTo("CVE-2026-0001 patch");
            assertThat(entry.path("drift").toString()).contains("http.state.json.openssl").contains("3.0.15").contains("3.0.16");

            String again = run(0, Clock.systemUTC(), "audit", "--config", config.toString(), "--out", dir.resolve("b").toString());
            assertThat(again).as("exit 0 above; no finding names the host, and the accepted drift is resolved since the last run")
                    .doesNotContain("FINDINGS").doesNotContain("DRIFTED     db-1").contains("RESOLVED    db-1: http.state.json.openssl");
        }
    }

    @Test
    void baselineDecisions_areRecordedAppendOnlyAndShown() throws Exception {
        Path config = dir.resolve("phoenix.yaml");
        Files.writeString(config, """
                store: store
                probing: {targets: loopback}
                groups:
                  - name: hosts
                    source: {simulated: {members: 2, kind: host}}
                    probes: [{http: {url: "{url}", name: state, identity: ["member.*"]}}]
                  - name: web
                    source: {simulated: {members: 2, kind: instance}}
                    probes: [{http: {url: "{url}", name: state, identity: ["member.*"]}}]
                """);
        run("baseline", "capture", "--config", config.toString(), "--group", "hosts", "--by", "alice", "--reason", "patch window");
        run("baseline", "accept", "--config", config.toString(), "--member", "web-0002", "--by", "bob");
        String shown = run("baseline", "show", "--config", config.toString());
        assertThat(shown).containsPattern("alice +capture +group \\(2 members, 0 golden fingerprints\\); patch window");
        assertThat(shown).containsPattern("bob +accept +golden web:1.0.0 from web-0002");
        try (var files = Files.list(dir.resolve("store/baselines/history/hosts"))) {
            assertThat(files).hasSize(1);
        }
    }
}
