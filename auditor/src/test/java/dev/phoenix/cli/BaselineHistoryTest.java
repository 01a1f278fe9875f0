package dev.phoenix.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineHistoryTest {

    @TempDir
    Path dir;

    private String run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("USER", "ci"), Clock.systemUTC());
        assertThat(code).as(err::toString).isZero();
        return out.toString(StandardCharsets.UTF_8);
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
