package dev.phoenix.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phoenix.cli.Main;
import dev.phoenix.docker.testing.BusyboxContainers;
import dev.phoenix.model.Drift;
import dev.phoenix.report.ChaosResult;
import dev.phoenix.report.ChaosVerdict;
import dev.phoenix.report.Scorecard;
import dev.phoenix.report.ScorecardJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chaos.verify: twice} against a real Docker engine: a container whose boot writes a random
 * value into /etc/app.conf is NONDETERMINISTIC, naming the fact that reads that file; a clean one is
 * REPRODUCED twice.
 */
class DockerVerifyTwiceTest {

    /** What a boot running an unpinned upgrade or a `latest` pull amounts to: a different file on every start. */
    private static final String RANDOM_BOOT = "head -c 16 /dev/urandom | od -An -tx1 > /etc/app.conf";

    @TempDir
    Path dir;

    private BusyboxContainers boxes;

    @BeforeEach
    void engine() {
        boxes = BusyboxContainers.create();
    }

    @AfterEach
    void cleanUp() {
        boxes.close();
    }

    private Scorecard audit() throws IOException {
        Path file = dir.resolve("phoenix.yaml");
        Files.writeString(file, """
                store: .phoenix
                probing: {concurrency: 8, timeout: 30s, targets: loopback}
                groups:
                  - name: api
                    source: {docker: {labels: {phoenix.test.run: "%s", app: api}}}
                    identity: [docker.env.PORT, docker.exposedPorts]
                    probes:
                      - docker-inspect
                      - {exec: {name: app-conf, command: [sha256sum, /etc/app.conf], output: text, timeout: 10s}}
                chaos: {enabled: true, replace-timeout: 60s, verify: twice}
                report: {formats: [json]}
                """.formatted(boxes.run()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path reports = dir.resolve("reports");
        int exit = Main.run(new String[] {"audit", "--config", file.toString(), "--out", reports.toString(), "--seed", "7", "--chaos",
                        "--unleash"}, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                System.getenv(), Clock.systemUTC());
        assertThat(exit).as(out + "\n" + err).isLessThanOrEqualTo(1);
        try (InputStream in = Files.newInputStream(reports.resolve("scorecard.json"))) {
            return ScorecardJson.read(in);
        }
    }

    @Test
    void bootWritingARandomConfigFile_isNondeterministic_namingTheFactThatReadsIt() throws IOException {
        var victim = boxes.start("api", Map.of("app", "api", "phoenix.chaos", "opt-in"), null, RANDOM_BOOT);

        Scorecard card = audit();

        ChaosResult r = card.chaos().get(0);
        assertThat(r.verdict()).as(r.reason()).isEqualTo(ChaosVerdict.NONDETERMINISTIC);
        assertThat(r.victim()).isEqualTo(victim.shortId());
        assertThat(r.diff()).extracting(Drift::fact).contains("exec.app-conf.stdout.sha256", "exec.app-conf.stdout");
        Drift text = r.diff().stream().filter(d -> d.fact().equals("exec.app-conf.stdout")).findFirst().orElseThrow();
        assertThat(text.expected()).endsWith("/etc/app.conf").isNotEqualTo(text.actual());
        assertThat(text.actual()).endsWith("/etc/app.conf");
        assertThat(r.reason()).contains("differ from each other").contains("exec.app-conf.stdout.sha256")
                .contains("the boot is not deterministic");
        assertThat(card.proofs()).singleElement().satisfies(p -> assertThat(p.status().name()).isEqualTo("NEVER_PROVEN"));
    }

    @Test
    void cleanContainer_isReproducedTwice() throws IOException {
        boxes.start("api", Map.of("app", "api", "phoenix.chaos", "opt-in"));

        Scorecard card = audit();

        ChaosResult r = card.chaos().get(0);
        assertThat(r.verdict()).as(r.reason()).isEqualTo(ChaosVerdict.REPRODUCED);
        assertThat(r.reason()).contains("matches the first: the boot is deterministic");
        assertThat(card.proofs()).singleElement().satisfies(p -> assertThat(p.status().name()).isEqualTo("PROVEN"));
    }
}
