package dev.phoenix.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phoenix.fakes.LoopbackHost;
import dev.phoenix.report.MemberStatus;
import dev.phoenix.report.Scorecard;
import dev.phoenix.report.ScorecardJson;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code phoenix audit} against real hosts on loopback: exit codes 0, 1 and 2. */
class ExitCodesTest {

    @TempDir
    Path dir;

    private LoopbackHost host;

    @BeforeEach
    void host() throws Exception {
        host = LoopbackHost.start("{\"workers\": 4, \"motd\": \"hello\"}");
    }

    @AfterEach
    void stop() throws Exception {
        host.close();
    }

    private Path config(String... extraHosts) throws Exception {
        StringBuilder hosts = new StringBuilder("      - {id: app-1, url: \"" + host.url("/state") + "\"}\n");
        for (String h : extraHosts) {
            hosts.append("      - ").append(h).append('\n');
        }
        Path file = dir.resolve("phoenix.yaml");
        Files.writeString(file, """
                store: state
                probing: {targets: loopback, timeout: 3s}
                groups:
                  - name: hosts
                    source:
                      static:
                        hosts:
                %s    probes: [http]
                report: {formats: [json, html, junit]}
                """.formatted(hosts.toString().replaceAll("(?m)^", "  ")));
        return file;
    }

    private Scorecard scorecard() throws Exception {
        try (InputStream in = Files.newInputStream(dir.resolve("out/scorecard.json"))) {
            return ScorecardJson.read(in);
        }
    }

    @Test
    void consistentFleet_exitsZero_andDriftExitsOne_withTheDriftInTheReports() throws Exception {
        Path cfg = config();
        Cli first = Cli.run("audit", "--config", cfg.toString(), "--out", dir.resolve("out").toString());
        assertThat(first.exit()).as(first.err()).isEqualTo(ExitCode.OK);
        assertThat(first.out()).contains("BASELINED").contains("scorecard.html");
        assertThat(dir.resolve("state/baselines/hosts.json")).exists();

        Cli again = Cli.run("audit", "--config", cfg.toString(), "--out", dir.resolve("out").toString());
        assertThat(again.exit()).isEqualTo(ExitCode.OK);
        assertThat(scorecard().members().get(0).status()).isEqualTo(MemberStatus.CONSISTENT);

        host.state("{\"workers\": 8, \"motd\": \"hello\"}");
        Cli drifted = Cli.run("audit", "--config", cfg.toString(), "--out", dir.resolve("out").toString());
        assertThat(drifted.exit()).isEqualTo(ExitCode.FINDINGS);
        assertThat(drifted.out()).contains("DRIFTED     app-1            http.root.json.workers 4 -> 8");
        assertThat(scorecard().members().get(0).drift()).singleElement()
                .satisfies(d -> assertThat(d.fact()).isEqualTo("http.root.json.workers"));
        assertThat(Files.readString(dir.resolve("out/junit.xml"))).contains("<failure type=\"DRIFTED\"");
        assertThat(Files.readString(dir.resolve("out/scorecard.html"))).contains("http.root.json.workers");
    }

    @Test
    void unreachableHost_isAFinding_andTheAuditCompletes() throws Exception {
        int dead;
        try (ServerSocket s = new ServerSocket(0)) {
            dead = s.getLocalPort();
        }
        Cli cli = Cli.run("audit", "--config", config("{id: gone, url: \"http://127.0.0.1:" + dead + "/state\"}").toString(),
                "--out", dir.resolve("out").toString());
        assertThat(cli.exit()).isEqualTo(ExitCode.FINDINGS);
        assertThat(cli.out()).contains("UNREACHABLE gone");
        assertThat(scorecard().score().coverage()).isEqualTo(50);
    }

    @Test
    void scoreUnderFailUnder_exitsOne_evenWithoutFindings() throws Exception {
        Path cfg = config();
        assertThat(Cli.run("audit", "--config", cfg.toString(), "--out", dir.resolve("out").toString(), "--fail-under", "100").exit())
                .isEqualTo(ExitCode.OK);
        int dead;
        try (ServerSocket s = new ServerSocket(0)) {
            dead = s.getLocalPort();
        }
        Path worse = config("{id: gone, url: \"http://127.0.0.1:" + dead + "/state\"}");
        assertThat(Cli.run("audit", "--config", worse.toString(), "--out", dir.resolve("out").toString(), "--fail-under", "95").exit())
                .isEqualTo(ExitCode.FINDINGS);
    }

    @Test
    void usageErrors_exitTwo() throws Exception {
        assertThat(Cli.run().exit()).isEqualTo(ExitCode.USAGE);
        assertThat(Cli.run("audit").err()).contains("Missing required option: '--config=FILE'");
        assertThat(Cli.run("frobnicate").exit()).isEqualTo(ExitCode.USAGE);
        assertThat(Cli.run("audit", "--config", config().toString(), "--fail-under", "101").exit()).isEqualTo(ExitCode.USAGE);
        Cli badFormat = Cli.run("audit", "--config", config().toString(), "--out", dir.resolve("out").toString(), "--format", "pdf");
        assertThat(badFormat.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(badFormat.err()).contains("unknown format 'pdf'");
    }

    @Test
    void unknownFormat_exitsTwoBeforeAnythingRuns() throws Exception {
        Cli cli = Cli.run("audit", "--config", config().toString(), "--out", dir.resolve("out").toString(),
                "--format", "html,docx", "--chaos", "--unleash");
        assertThat(cli.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(cli.err().lines().toList()).singleElement()
                .satisfies(l -> assertThat(l).startsWith("phoenix: --format: unknown format 'docx'").contains("valid: "));
        assertThat(dir.resolve("state")).as("no audit ran: no baselines, no history").doesNotExist();
        assertThat(dir.resolve("out")).as("no report").doesNotExist();
    }

    @Test
    void baselineWithAnUnreachableProvider_exitsThree_withAOneLineReason() throws Exception {
        Path socket = dir.resolve("no-engine.sock");
        Path cfg = dir.resolve("docker.yaml");
        Files.writeString(cfg, """
                store: state
                groups:
                  - name: api
                    source: {docker: {labels: {app: api}, host: "unix://%s"}}
                    probes: [docker-inspect]
                """.formatted(socket));
        Cli cli = Cli.run("baseline", "capture", "--config", cfg.toString());
        assertThat(cli.exit()).as(cli.err()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(cli.err().lines().toList()).singleElement()
                .satisfies(l -> assertThat(l).startsWith("phoenix: group api: cannot reach the Docker engine at unix://" + socket));
        assertThat(dir.resolve("state/baselines/api.json")).doesNotExist();
    }

    @Test
    void report_reexportsASavedScorecard_andRefusesGarbage() throws Exception {
        Cli.run("audit", "--config", config().toString(), "--out", dir.resolve("out").toString(), "--format", "json");
        assertThat(dir.resolve("out/scorecard.html")).doesNotExist();
        Cli report = Cli.run("report", "--in", dir.resolve("out/scorecard.json").toString(), "--format", "html,junit");
        assertThat(report.exit()).isEqualTo(ExitCode.OK);
        assertThat(dir.resolve("out/scorecard.html")).exists();
        assertThat(dir.resolve("out/junit.xml")).exists();
        assertThat(report.out().lines()).as("only the formats asked for").hasSize(2).noneMatch(l -> l.endsWith("scorecard.json"));

        Files.writeString(dir.resolve("garbage.json"), "{\"schemaVersion\": 1, \"runId\": ");
        Cli bad = Cli.run("report", "--in", dir.resolve("garbage.json").toString(), "--format", "html");
        assertThat(bad.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(bad.err()).contains("garbage.json: not a Phoenix scorecard: line 1");

        Files.writeString(dir.resolve("empty.json"), "{}");
        Cli empty = Cli.run("report", "--in", dir.resolve("empty.json").toString(), "--format", "html");
        assertThat(empty.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(empty.err()).contains("empty.json: not a Phoenix scorecard: line 1, column 2: a required field is missing or invalid")
                .doesNotContain("dev.phoenix").doesNotContain("Cannot construct");
    }
}
