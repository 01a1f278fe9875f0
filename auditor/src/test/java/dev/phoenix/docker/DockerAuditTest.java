package dev.phoenix.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phoenix.cli.Main;
import dev.phoenix.model.Change;
import dev.phoenix.model.Drift;
import dev.phoenix.report.ChaosResult;
import dev.phoenix.report.ChaosVerdict;
import dev.phoenix.report.MemberResult;
import dev.phoenix.report.MemberStatus;
import dev.phoenix.report.Scorecard;
import dev.phoenix.report.ScorecardJson;
import dev.phoenix.docker.testing.BusyboxContainers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code phoenix audit} end to end against containers on the real Docker engine. */
class DockerAuditTest {

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

    record Run(int exit, String out, String err, Scorecard scorecard) {
    }

    /** The group every test audits: this run's containers labelled app=api, with all four container probes. */
    private String apiGroup(String extraSource) {
        return """
                  - name: api
                    source: {docker: {labels: {phoenix.test.run: "%s", app: api}%s}}
                    identity: [docker.env.PORT, docker.exposedPorts]   # each replica listens on its own host port
                    probes:
                      - docker-inspect
                      - docker-diff
                      - {exec: {name: app-conf, command: [sha256sum, /etc/app.conf], timeout: 10s}}
                      - {http: {url: "http://{host}:{port}/state", name: state}}
                """.formatted(boxes.run(), extraSource);
    }

    private Path config(String groups) throws IOException {
        Path file = dir.resolve("phoenix.yaml");
        Files.writeString(file, """
                store: .phoenix
                probing: {concurrency: 8, timeout: 30s, targets: loopback}
                groups:
                %s
                chaos: {enabled: true, replace-timeout: 60s}
                report: {formats: [json]}
                """.formatted(groups));
        return file;
    }

    private Run audit(Path config, String... extra) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path reports = dir.resolve("reports");
        String[] args = java.util.stream.Stream.concat(
                java.util.stream.Stream.of("audit", "--config", config.toString(), "--out", reports.toString(), "--seed", "7"),
                java.util.stream.Stream.of(extra)).toArray(String[]::new);
        int exit = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                System.getenv(), Clock.systemUTC());
        Scorecard scorecard = null;
        Path json = reports.resolve("scorecard.json");
        if (Files.exists(json)) {
            try (InputStream in = Files.newInputStream(json)) {
                scorecard = ScorecardJson.read(in);
            }
            Files.delete(json);
        }
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), scorecard);
    }

    private static MemberResult member(Run run, String id) {
        return run.scorecard().members().stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow(
                () -> new AssertionError("no member " + id + " in " + run.out()));
    }

    @Test
    void aFileChangedThroughDockerExec_isReportedMutated_withItsPath() throws IOException {
        var a = boxes.start("api", Map.of("app", "api"));
        var b = boxes.start("api", Map.of("app", "api"));
        Path config = config(apiGroup(""));

        Run first = audit(config);
        assertThat(first.exit()).as(first.out() + first.err()).isZero();
        assertThat(first.scorecard().members()).extracting(MemberResult::status).containsOnly(MemberStatus.BASELINED);

        boxes.exec(a.id(), "sh", "-c", "echo workers=64 >> /etc/app.conf");
        Run second = audit(config);
        assertThat(second.exit()).as(second.out() + second.err()).isEqualTo(1);
        MemberResult mutated = member(second, a.shortId());
        assertThat(mutated.status()).isEqualTo(MemberStatus.MUTATED);
        assertThat(mutated.drift()).contains(new Drift("docker.diff./etc/app.conf", null, "CHANGED", Change.ADDED));
        assertThat(mutated.drift()).extracting(Drift::fact).contains("exec.app-conf.stdout.sha256");
        assertThat(member(second, b.shortId()).status()).isEqualTo(MemberStatus.CONSISTENT);
        assertThat(second.out()).contains("MUTATED").contains(a.shortId()).contains("docker.diff./etc/app.conf");
    }

    @Test
    void aContainerKilledByHand_isReportedStopped_theGroupIsShort_andChaosTakesNoOther_untilItRunsAgain() throws IOException {
        var a = boxes.start("api", Map.of("app", "api", "phoenix.chaos", "opt-in"));
        var b = boxes.start("api", Map.of("app", "api", "phoenix.chaos", "opt-in"));
        var c = boxes.start("api", Map.of("app", "api", "phoenix.chaos", "opt-in"));
        Path config = config(apiGroup(""));
        Run first = audit(config);
        assertThat(first.exit()).as(first.out() + first.err()).isZero();

        boxes.kill(b.id());
        Run killed = audit(config, "--chaos", "--unleash");
        assertThat(killed.exit()).as(killed.out() + killed.err()).isEqualTo(1);
        MemberResult stopped = member(killed, b.shortId());
        assertThat(stopped.status()).isEqualTo(MemberStatus.UNREACHABLE);
        assertThat(stopped.name()).isEqualTo(b.name());
        assertThat(stopped.probeErrors()).singleElement().satisfies(e -> assertThat(e.cause())
                .contains("is not running (exited").contains("exit code 137"));
        var group = killed.scorecard().groups().get(0);
        assertThat(group.expectedMembers()).isEqualTo(3);
        assertThat(group.inService()).isEqualTo(2);
        assertThat(killed.scorecard().chaos()).extracting(ChaosResult::verdict).containsOnly(ChaosVerdict.SKIPPED);
        assertThat(killed.scorecard().chaos()).anySatisfy(x -> assertThat(x.reason()).contains("2 of 3 expected members in service"));
        assertThat(boxes.inspect(a.id()).getState().getRunning()).as("nothing terminated").isTrue();
        assertThat(boxes.inspect(c.id()).getState().getRunning()).as("nothing terminated").isTrue();
        assertThat(killed.out()).contains(b.name() + " (" + b.shortId() + ")").contains("2 of 3 expected members in service");

        boxes.client().startContainerCmd(b.id()).exec();
        Run again = audit(config);
        assertThat(again.exit()).as(again.out() + again.err()).isZero();
        assertThat(again.scorecard().findings()).isEmpty();
    }

    @Test
    void chaos_replacesAnOptedInCleanContainer_andTheReplacementReproducesIt() throws IOException {
        var victim = boxes.start("api", Map.of("app", "api", "phoenix.chaos", "opt-in", "com.docker.compose.project", "shop",
                "com.docker.compose.service", "api"));
        Run run = audit(config(apiGroup("")), "--chaos", "--unleash");

        assertThat(run.scorecard().chaos()).as(run.out()).hasSize(1);
        ChaosResult chaos = run.scorecard().chaos().get(0);
        assertThat(chaos.verdict()).as(chaos.reason()).isEqualTo(ChaosVerdict.REPRODUCED);
        assertThat(chaos.victim()).isEqualTo(victim.shortId());
        assertThat(boxes.exists(victim.id())).as("the victim is gone").isFalse();
        var replacement = boxes.inspect(chaos.replacement());
        assertThat(replacement.getState().getRunning()).isTrue();
        assertThat(replacement.getName()).isEqualTo("/" + victim.name());
        assertThat(replacement.getConfig().getLabels()).isEqualTo(Map.of("app", "api", "phoenix.chaos", "opt-in",
                "com.docker.compose.project", "shop", "com.docker.compose.service", "api", BusyboxContainers.RUN_LABEL, boxes.run()));
        assertThat(run.scorecard().mode()).isEqualTo("unleashed");
    }

    @Test
    void chaos_replacingAContainerChangedInPlace_diverges_andTheReplacementMatchesTheImage() throws IOException {
        var victim = boxes.start("api", Map.of("app", "api", "phoenix.chaos", "true"));
        boxes.exec(victim.id(), "sh", "-c", "echo workers=64 >> /etc/app.conf");
        Run run = audit(config(apiGroup("")), "--chaos", "--unleash");

        assertThat(member(run, victim.shortId()).status()).isEqualTo(MemberStatus.MUTATED);
        ChaosResult chaos = run.scorecard().chaos().get(0);
        assertThat(chaos.verdict()).as(chaos.reason()).isEqualTo(ChaosVerdict.DIVERGED);
        assertThat(chaos.diff()).contains(new Drift("docker.diff./etc/app.conf", "CHANGED", null, Change.REMOVED));
        assertThat(chaos.reason()).contains("changed in place (docker.diff./etc/app.conf)");
        assertThat(run.exit()).isEqualTo(1);
    }

    @Test
    void leashedChaos_touchesNothing() throws IOException {
        var victim = boxes.start("api", Map.of("app", "api", "phoenix.chaos", "opt-in"));
        Run run = audit(config(apiGroup("")), "--chaos");

        assertThat(run.scorecard().mode()).isEqualTo("leashed");
        assertThat(run.scorecard().chaos()).extracting(ChaosResult::verdict).containsExactly(ChaosVerdict.SKIPPED);
        assertThat(run.scorecard().chaos().get(0).reason()).contains("leashed dry run").contains(victim.shortId());
        assertThat(boxes.inspect(victim.id()).getState().getRunning()).isTrue();
        assertThat(boxes.containers()).hasSize(1);
    }

    /** Unleashed chaos on real containers, stopped by guardrails: nothing is terminated. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "kill-switch file | kill-switch: {file: STOP}                           | kill-switch",
            "min-healthy 100% | min-healthy: 100%                                  | min-healthy"})
    void guardedUnleashedChaos_terminatesNothing(String name, String guard, String blockedBy) throws IOException {
        var a = boxes.start("api", Map.of("app", "api", "phoenix.chaos", "opt-in"));
        var b = boxes.start("api", Map.of("app", "api", "phoenix.chaos", "opt-in"));
        Path config = config(apiGroup(""));
        Files.writeString(config, Files.readString(config).replace("chaos: {enabled: true, replace-timeout: 60s}",
                "chaos: {enabled: true, replace-timeout: 60s, " + guard + "}"));
        Files.writeString(dir.resolve("STOP"), "stopped by the operator\n");

        Run run = audit(config, "--chaos", "--unleash");

        assertThat(run.scorecard().mode()).isEqualTo("unleashed");
        assertThat(run.scorecard().chaos()).isNotEmpty().allSatisfy(c -> {
            assertThat(c.verdict()).isEqualTo(ChaosVerdict.SKIPPED);
            assertThat(c.reason()).startsWith("not injecting: " + blockedBy);
        });
        assertThat(boxes.inspect(a.id()).getState().getRunning()).isTrue();
        assertThat(boxes.inspect(b.id()).getState().getRunning()).isTrue();
        assertThat(boxes.containers()).extracting(c -> c.getId()).containsExactlyInAnyOrder(a.id(), b.id());
    }

    @Test
    void aMixedConfig_producesOneScorecardCoveringTheSimulatedAndTheDockerGroup() throws IOException {
        var a = boxes.start("api", Map.of("app", "api"));
        String groups = """
                  - name: web
                    source: {simulated: {members: 2, kind: instance, image: web, version: 1.0.0}}
                    probes:
                      - {http: {url: "{url}", name: state, identity: ["member.*"]}}
                """ + apiGroup("");
        Run run = audit(config(groups));

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.scorecard().groups()).extracting(g -> g.name() + "/" + g.provider()).containsExactly("web/simulated", "api/docker");
        assertThat(run.scorecard().members()).extracting(MemberResult::provider).containsExactlyInAnyOrder("simulated", "simulated", "docker");
        assertThat(member(run, a.shortId()).kind()).isEqualTo("container");
        assertThat(run.out()).contains("web").contains("api").contains("docker").contains("simulated");
    }

    @Test
    void anEngineThatIsNotRunning_exitsThree_withAOneLineReason() throws IOException {
        Path config = config(apiGroup(", host: \"unix://" + dir.resolve("no-engine.sock") + "\""));
        Run run = audit(config);

        assertThat(run.exit()).isEqualTo(3);
        List<String> lines = run.err().lines().filter(l -> l.startsWith("phoenix:")).toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).startsWith("phoenix: group api: cannot reach the Docker engine at unix://" + dir.resolve("no-engine.sock"));
        assertThat(run.scorecard().groups().get(0).error()).contains("cannot reach the Docker engine");
    }
}
