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
    void scoreUnderFailUnder_exitsFour_withOneLineSayingWhy_andOneWithPlainExit() throws Exception {
        Path cfg = config();
        assertThat(Cli.run("audit", "--config", cfg.toString(), "--out", dir.resolve("out").toString(), "--fail-under", "100").exit())
                .isEqualTo(ExitCode.OK);
        int dead;
        try (ServerSocket s = new ServerSocket(0)) {
            dead = s.getLocalPort();
        }
        Path worse = config("{id: gone, url: \"http://127.0.0.1:" + dead + "/state\"}");
        Cli gated = Cli.run("audit", "--config", worse.toString(), "--out", dir.resolve("out").toString(), "--fail-under", "95");
        assertThat(gated.exit()).isEqualTo(ExitCode.GATE);
        assertThat(gated.err().lines().filter(l -> l.startsWith("phoenix: gate failed")).toList()).singleElement()
                .satisfies(l -> assertThat(l).matches("phoenix: gate failed: score \\d+ \\([A-F]\\) is under fail-under 95 \\(exit 4\\)"));
        Cli plain = Cli.run("audit", "--config", worse.toString(), "--out", dir.resolve("out").toString(), "--fail-under", "95",
                "--plain-exit");
        assertThat(plain.exit()).isEqualTo(ExitCode.FINDINGS);
        // the gate passes: the finding alone exits 1
        assertThat(Cli.run("audit", "--config", worse.toString(), "--out", dir.resolve("out").toString(), "--fail-under", "10").exit())
                .isEqualTo(ExitCode.FINDINGS);
    }

    @Test
    void failOn_gatesOnTheKindsNamed_only() throws Exception {
        int dead;
        try (ServerSocket s = new ServerSocket(0)) {
            dead = s.getLocalPort();
        }
        Path cfg = config("{id: gone, url: \"http://127.0.0.1:" + dead + "/state\"}");
        String out = dir.resolve("out").toString();
        Cli other = Cli.run("audit", "--config", cfg.toString(), "--out", out, "--fail-on", "MUTATED, DRIFTED");
        assertThat(other.exit()).as("an unreachable host is a finding, not a gated kind").isEqualTo(ExitCode.FINDINGS);
        assertThat(other.err()).doesNotContain("gate failed");
        Cli gated = Cli.run("audit", "--config", cfg.toString(), "--out", out, "--fail-on", "unreachable");
        assertThat(gated.exit()).isEqualTo(ExitCode.GATE);
        assertThat(gated.err()).contains("phoenix: gate failed: fail-on UNREACHABLE: 1 finding (gone is UNREACHABLE: ");
        Cli bad = Cli.run("audit", "--config", cfg.toString(), "--out", out, "--fail-on", "MUTATD");
        assertThat(bad.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(bad.err()).contains("unknown finding kind 'MUTATD'").contains("MUTATED");

        // the same gates on the stored scorecard
        String card = dir.resolve("out/scorecard.json").toString();
        assertThat(Cli.run("report", "--in", card, "--fail-on", "UNREACHABLE").exit()).isEqualTo(ExitCode.GATE);
        assertThat(Cli.run("report", "--in", card, "--fail-on", "DIVERGED").exit()).isEqualTo(ExitCode.FINDINGS);
        Cli score = Cli.run("report", "--in", card, "--fail-under", "99", "--format", "json, sarif");
        assertThat(score.exit()).isEqualTo(ExitCode.GATE);
        assertThat(score.err()).contains("is under fail-under 99");
        assertThat(dir.resolve("out/phoenix.sarif")).exists();
        assertThat(Cli.run("report", "--in", card, "--fail-under", "99", "--plain-exit").exit()).isEqualTo(ExitCode.FINDINGS);
        assertThat(Cli.run("report", "--in", card).exit()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void configGates_andWaivers_activeExpiredAndUnused() throws Exception {
        Path cfg = config();
        String out = dir.resolve("out").toString();
        assertThat(Cli.run("audit", "--config", cfg.toString(), "--out", out).exit()).isEqualTo(ExitCode.OK);
        host.state("{\"workers\": 8, \"motd\": \"hello\"}");
        Files.writeString(cfg, Files.readString(cfg).replace("report: {formats: [json, html, junit]}",
                "report: {formats: [json, html, junit, markdown, csv], fail-on: [DRIFTED], waivers: waivers.yaml}"));
        Path waivers = dir.resolve("waivers.yaml");
        Files.writeString(waivers, """
                waivers:
                  - {group: hosts, member: "app-*", fact: "http.root.json.workers", justification: "load test until Friday",
                     by: alice, expires: 2999-01-31}
                  - {group: hosts, member: "db-*", justification: "db hosts are rebuilt", by: bob, expires: 2999-01-31}
                """);
        Cli waived = Cli.run("audit", "--config", cfg.toString(), "--out", out);
        assertThat(waived.exit()).as(waived.out() + waived.err()).isEqualTo(ExitCode.OK);
        assertThat(waived.out()).contains("WAIVED").contains("until 2999-01-31, by alice: load test until Friday")
                .contains("UNUSED      group hosts, member db-*, fact * matched nothing");
        Scorecard card = scorecard();
        assertThat(card.findings()).singleElement().satisfies(f -> assertThat(f.waived()).isTrue());
        assertThat(card.unusedWaivers()).singleElement().satisfies(u -> assertThat(u.by()).isEqualTo("bob"));
        assertThat(card.score().overall()).as("a waived finding does not count").isEqualTo(100);
        assertThat(Files.readString(dir.resolve("out/scorecard.html"))).contains("load test until Friday");
        assertThat(Files.readString(dir.resolve("out/findings.csv"))).contains("load test until Friday");

        Files.writeString(waivers, Files.readString(waivers).replace("expires: 2999-01-31}\n  - {group: hosts, member: \"db-*\"",
                "expires: 2020-01-31}\n  - {group: hosts, member: \"db-*\""));
        Cli expired = Cli.run("audit", "--config", cfg.toString(), "--out", out);
        assertThat(expired.exit()).as(expired.out() + expired.err()).isEqualTo(ExitCode.GATE);
        assertThat(expired.out()).contains("EXPIRED").contains("waiver expired 2020-01-31, counts again");
        assertThat(expired.err()).contains("phoenix: gate failed: fail-on DRIFTED: 1 finding (app-1: http.root.json.workers 4 -> 8)");
        assertThat(scorecard().findings()).singleElement().satisfies(f -> assertThat(f.waived()).isFalse());

        Files.writeString(waivers, "waivers:\n  - {group: hosts, by: \"\", expires: 31/01/2027}\n");
        Cli broken = Cli.run("audit", "--config", cfg.toString(), "--out", out);
        assertThat(broken.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(broken.err()).contains("waivers.yaml").contains("justification").contains("must not be empty")
                .contains("expected an ISO date such as 2027-01-31, found '31/01/2027'").doesNotContain("Exception");
        Cli flag = Cli.run("audit", "--config", cfg.toString(), "--out", out, "--waivers", dir.resolve("nope.yaml").toString());
        assertThat(flag.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(flag.err()).contains("nope.yaml").contains("no such waivers file");
    }

    @Test
    void eachRun_saysWhatChangedSinceThePreviousOne_andDiffPrintsTheSame() throws Exception {
        Path cfg = config();
        String out = dir.resolve("out").toString();
        Cli.run("audit", "--config", cfg.toString(), "--out", out);
        Scorecard clean = scorecard();
        host.state("{\"workers\": 8, \"motd\": \"bye\"}");
        Cli drifted = Cli.run("audit", "--config", cfg.toString(), "--out", out);
        Scorecard second = scorecard();
        assertThat(second.comparison().previousRunId()).isEqualTo(clean.runId());
        assertThat(second.comparison().newFindings()).hasSize(2);
        assertThat(drifted.out()).contains("SINCE " + clean.runId()).contains("2 new, 0 still open, 0 resolved")
                .contains("NEW         app-1: http.root.json.motd hello -> bye");
        Files.copy(dir.resolve("out/scorecard.json"), dir.resolve("second.json"));

        host.state("{\"workers\": 8, \"motd\": \"hello\"}");
        Cli third = Cli.run("audit", "--config", cfg.toString(), "--out", out);
        assertThat(third.out()).contains("0 new, 1 still open, 1 resolved").contains("RESOLVED    app-1: http.root.json.motd hello -> bye");
        Scorecard last = scorecard();

        Cli diff = Cli.run("diff", dir.resolve("second.json").toString(), dir.resolve("out/scorecard.json").toString());
        assertThat(diff.exit()).as(diff.err()).isZero();
        assertThat(diff.out()).contains("SINCE " + second.runId()).contains("0 new, 1 still open, 1 resolved");
        Cli byId = Cli.run("diff", clean.runId(), last.runId(), "--config", cfg.toString());
        assertThat(byId.exit()).as(byId.err()).isZero();
        assertThat(byId.out()).contains("1 new, 0 still open, 0 resolved").contains("NEW         app-1: http.root.json.workers 4 -> 8");
        Cli unknown = Cli.run("diff", "no-such-run", last.runId(), "--config", cfg.toString());
        assertThat(unknown.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(unknown.err()).contains("no run no-such-run in the history");
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
