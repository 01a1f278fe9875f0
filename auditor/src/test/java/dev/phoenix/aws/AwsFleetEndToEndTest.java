package dev.phoenix.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.phoenix.cli.Main;
import dev.phoenix.testing.Requirements;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/**
 * The AWS provider end to end against a real emulator over HTTP (moto's server on
 * 127.0.0.1:4566, started by .ci/run): every test seeds its own fleet with {@code phoenix
 * localstack seed} under a run id of its own (moto is shared; nothing is reset), changes it
 * through the AWS API as an operator would, and runs {@code phoenix} commands against it.
 */
class AwsFleetEndToEndTest {

    private static String endpoint;
    private static EmulatorAccount aws;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @BeforeAll
    static void emulator() {
        endpoint = Requirements.awsEmulator();
        aws = new EmulatorAccount(endpoint);
    }

    @AfterAll
    static void close() {
        if (aws != null) {
            aws.close();
        }
    }

    @Test
    void mutableInstanceChangedInPlace_isTheOnlyDriftedMember_withTheChangedFacts() throws Exception {
        Seeded fleet = seed("");
        assertThat(phoenix("baseline", "capture", "--config", fleet.config.toString()).code).isZero();
        String victim = fleet.standalone.get(1);
        String extraGroup = aws.createSecurityGroup(fleet.vpc, "phoenix-" + fleet.runId + "-extra");
        aws.changeInstanceType(victim, "m5.large");
        aws.setSecurityGroups(victim, List.of(fleet.securityGroup, extraGroup));
        aws.attachVolume(victim, "/dev/sdf", 20);

        Run audit = phoenix("audit", "--config", fleet.config.toString(), "--out", dir.resolve("out").toString());

        assertThat(audit.code).as(audit.all()).isEqualTo(1);
        JsonNode card = scorecard();
        List<String> drifted = members(card, "DRIFTED");
        assertThat(drifted).containsExactly(victim);
        assertThat(statuses(card)).containsOnlyKeys("CONSISTENT", "DRIFTED");
        Map<String, String> drift = drift(member(card, victim));
        assertThat(drift).containsEntry("aws.instanceType", "t3.small -> m5.large")
                .containsEntry("aws.securityGroups", fleet.securityGroup + " -> "
                        + String.join(",", List.of(fleet.securityGroup, extraGroup).stream().sorted().toList()))
                .containsEntry("aws.volume.sdf.size", "(none) -> 20")
                .containsEntry("aws.volume.sdf.type", "(none) -> gp3")
                .containsEntry("aws.volume.sdf.encrypted", "(none) -> false");
        assertThat(audit.out).contains("DRIFTED").contains(victim);
    }

    @Test
    void unleashedChaosOnTheAutoScalingGroup_terminatesTheVictim_andItsReplacementIsReproduced() throws Exception {
        Seeded fleet = seed("");
        List<String> before = aws.groupMembers(fleet.asg);
        assertThat(phoenix("audit", "--config", fleet.config.toString()).code).isZero();

        Run chaos = phoenix("audit", "--config", fleet.config.toString(), "--out", dir.resolve("out").toString(),
                "--chaos", "--unleash", "--seed", "7");

        assertThat(chaos.code).as(chaos.all()).isZero();
        JsonNode result = chaos(scorecard(), "web");
        assertThat(result.path("verdict").asText()).as(result.toString()).isEqualTo("REPRODUCED");
        String victim = result.path("victim").asText();
        String replacement = result.path("replacement").asText();
        assertThat(before).contains(victim).doesNotContain(replacement);
        assertThat(aws.state(victim)).isEqualTo(InstanceStateName.TERMINATED);
        var inService = aws.group(fleet.asg).instances().stream()
                .filter(i -> i.lifecycleStateAsString().equals("InService")).map(i -> i.instanceId()).toList();
        assertThat(inService).contains(replacement).doesNotContain(victim).hasSize(3);
        assertThat(result.path("timeToReplaceMs").isNumber()).isTrue();
        assertThat(chaos.out).contains("REPRODUCED").contains(victim + " -> " + replacement);
    }

    @Test
    void autoScalingMemberChangedInPlace_isMutated_andAsVictimItsReplacementDiverges() throws Exception {
        Seeded fleet = seed("  target: mutated-first\n");
        assertThat(phoenix("audit", "--config", fleet.config.toString()).code).isZero();
        String member = aws.groupMembers(fleet.asg).get(0);
        String extra = aws.createSecurityGroup(fleet.vpc, "phoenix-" + fleet.runId + "-hotfix");
        aws.setSecurityGroups(member, List.of(fleet.securityGroup, extra));

        Run audit = phoenix("audit", "--config", fleet.config.toString(), "--out", dir.resolve("audit").toString());
        assertThat(audit.code).as(audit.all()).isEqualTo(1);
        JsonNode card = scorecard(dir.resolve("audit"));
        assertThat(members(card, "MUTATED")).containsExactly(member);
        assertThat(drift(member(card, member))).containsKey("aws.securityGroups");

        Run chaos = phoenix("audit", "--config", fleet.config.toString(), "--out", dir.resolve("chaos").toString(),
                "--chaos", "--unleash");
        JsonNode result = chaos(scorecard(dir.resolve("chaos")), "web");
        assertThat(result.path("victim").asText()).isEqualTo(member);
        assertThat(result.path("verdict").asText()).as(result.toString()).isEqualTo("DIVERGED");
        assertThat(result.path("replacementMatchesGolden").asBoolean()).isTrue();
        assertThat(result.path("reason").asText()).contains("changed in place");
        assertThat(drift(result)).containsOnlyKeys("aws.securityGroups");
        assertThat(aws.state(member)).isEqualTo(InstanceStateName.TERMINATED);
    }

    @Test
    void newLaunchTemplateVersion_isReportedAsRollout_andReplacementsAreJudgedAgainstTheNewVersion() throws Exception {
        Seeded fleet = seed("");
        assertThat(phoenix("audit", "--config", fleet.config.toString()).code).isZero();
        String v1 = provenance(fleet, 1);
        long version = aws.publishVersion(fleet.launchTemplate, "t3.small");
        String v2 = provenance(fleet, version);

        Run audit = phoenix("audit", "--config", fleet.config.toString(), "--out", dir.resolve("rollout").toString());
        assertThat(audit.code).as(audit.all()).isZero();
        JsonNode card = scorecard(dir.resolve("rollout"));
        assertThat(card.path("rollouts")).hasSize(1);
        assertThat(card.path("rollouts").get(0).path("group").asText()).isEqualTo("web");
        assertThat(card.path("rollouts").get(0).path("from").asText()).isEqualTo(v1);
        assertThat(card.path("rollouts").get(0).path("to").asText()).isEqualTo(v2);
        assertThat(statuses(card)).containsOnlyKeys("CONSISTENT");
        assertThat(audit.out).contains("ROLLOUTS");

        // the first member launched from the new version: judged against that version, not against its victim
        Run first = phoenix("audit", "--config", fleet.config.toString(), "--out", dir.resolve("first").toString(),
                "--chaos", "--unleash");
        JsonNode firstResult = chaos(scorecard(dir.resolve("first")), "web");
        assertThat(firstResult.path("verdict").asText()).as(first.all()).isEqualTo("REPRODUCED");
        String replacement = firstResult.path("replacement").asText();
        assertThat(aws.instance(replacement).instanceTypeAsString()).isEqualTo("t3.small");
        assertThat(aws.instance(firstResult.path("victim").asText()).instanceTypeAsString()).isEqualTo("t3.micro");
        assertThat(firstResult.path("reason").asText()).contains("built from " + v2).contains("golden");

        // the next one is compared with the golden the first one set for the new version
        Run second = phoenix("audit", "--config", fleet.config.toString(), "--out", dir.resolve("second").toString(),
                "--chaos", "--unleash");
        JsonNode secondCard = scorecard(dir.resolve("second"));
        assertThat(member(secondCard, replacement).path("status").asText()).isEqualTo("CONSISTENT");
        assertThat(member(secondCard, replacement).path("provenance").asText()).isEqualTo(v2);
        assertThat(statuses(secondCard)).containsOnlyKeys("CONSISTENT");
        JsonNode secondResult = chaos(secondCard, "web");
        assertThat(secondResult.path("verdict").asText()).as(second.all()).isEqualTo("REPRODUCED");
        assertThat(secondResult.path("replacementMatchesGolden").asBoolean()).isTrue();
        assertThat(secondCard.path("rollouts")).isEmpty();
    }

    @Test
    void leashedChaos_terminatesNothing() throws Exception {
        Seeded fleet = seed("");
        List<String> before = aws.groupMembers(fleet.asg);

        Run leashed = phoenix("audit", "--config", fleet.config.toString(), "--out", dir.resolve("out").toString(), "--chaos");

        assertThat(leashed.code).as(leashed.all()).isZero();
        JsonNode card = scorecard();
        assertThat(card.path("mode").asText()).isEqualTo("leashed");
        JsonNode result = chaos(card, "web");
        assertThat(result.path("verdict").asText()).isEqualTo("SKIPPED");
        assertThat(result.path("reason").asText()).contains("leashed");
        assertThat(aws.groupMembers(fleet.asg)).isEqualTo(before);
        for (String id : before) {
            assertThat(aws.state(id)).isEqualTo(InstanceStateName.RUNNING);
        }
    }

    @Test
    void httpProbeOnAws_reachesLoopbackServersByTag_andRefusesTheAddressesTheEmulatorReports() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            HttpServer server = vertx.createHttpServer()
                    .requestHandler(req -> req.response().putHeader("content-type", "application/json")
                            .end("{\"config\":{\"workers\":4},\"version\":\"1.0.0\"}"))
                    .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join();
            Seeded fleet = seed("", Map.of("phoenix:probe-port", String.valueOf(server.actualPort())));
            Path config = withProbes(fleet.config, "[aws-instance, {http: {url: \"http://127.0.0.1:{tag:phoenix:probe-port}/state\"}}]",
                    "[aws-instance, {http: {url: \"http://{privateIp}:8080/config\"}}]");

            Run audit = phoenix("audit", "--config", config.toString(), "--out", dir.resolve("out").toString());

            JsonNode card = scorecard();
            assertThat(members(card, "BASELINED")).hasSize(3);
            assertThat(members(card, "UNREACHABLE")).hasSize(3).containsExactlyInAnyOrderElementsOf(fleet.standalone);
            for (String id : fleet.standalone) {
                assertThat(member(card, id).path("probeErrors").get(0).path("cause").asText())
                        .startsWith("not requesting http://10.").contains("is not a loopback address");
            }
            assertThat(audit.code).isEqualTo(1);
            String golden = Files.readString(config.getParent().resolve(".phoenix-" + fleet.runId).resolve("baselines/web.json"));
            assertThat(golden).contains("\"http.state.json.config.workers\" : \"4\"").contains("\"aws.instanceType\" : \"t3.micro\"");
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    @Test
    void ssmCommandProbe_runsThroughRunCommand_andFingerprintsItsOutput() throws Exception {
        Seeded fleet = seed("");
        Path config = withProbes(fleet.config, "[{ssm-command: {name: app-conf, commands: [\"cat /etc/app.conf\"], poll-interval: 200ms}}]",
                "[{ssm-command: {name: app-conf, commands: [\"cat /etc/app.conf\"], stdout: text}}]");

        Run audit = phoenix("audit", "--config", config.toString(), "--out", dir.resolve("out").toString());

        assertThat(audit.code).as(audit.all()).isZero();
        JsonNode card = scorecard();
        assertThat(members(card, "BASELINED")).hasSize(6);
        String baselines = Files.readString(config.getParent().resolve(".phoenix-" + fleet.runId).resolve("baselines/web.json"));
        // moto answers every command with Success, exit code 0 and no output: the digest is that of ""
        assertThat(baselines).contains("\"ssm.app-conf.status\" : \"Success\"").contains("\"ssm.app-conf.exitCode\" : \"0\"")
                .contains("\"ssm.app-conf.stdout.sha256\" : \"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\"");
    }

    @Test
    void standaloneImmutableInstance_isRelaunchedFromItsLaunchTemplate() throws Exception {
        Seeded fleet = seed("");
        String runId = fleet.runId;
        List<String> launched = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            launched.add(aws.ec2.runInstances(r -> r.launchTemplate(lt -> lt.launchTemplateId(fleet.launchTemplate).version("1"))
                    .minCount(1).maxCount(1).subnetId(fleet.subnet)
                    .tagSpecifications(t -> t.resourceType("instance").tags(
                            tag("phoenix:run", runId), tag("role", "batch"), tag("phoenix:mutability", "immutable"))))
                    .join().instances().get(0).instanceId());
        }
        Path config = dir.resolve("batch.yaml");
        Files.writeString(config, """
                store: .phoenix-batch
                aws: {region: us-east-1, endpoint: "%s"}
                groups:
                  - name: batch
                    source: {aws-ec2: {tags: {"phoenix:run": "%s", role: batch}}}
                    probes: [aws-instance]
                chaos: {enabled: true, replace-timeout: 1m}
                """.formatted(endpoint, runId));
        assertThat(phoenix("audit", "--config", config.toString()).code).isZero();

        Run chaos = phoenix("audit", "--config", config.toString(), "--out", dir.resolve("out").toString(), "--chaos", "--unleash");

        JsonNode result = chaos(scorecard(), "batch");
        assertThat(result.path("verdict").asText()).as(chaos.all()).isEqualTo("REPRODUCED");
        String victim = result.path("victim").asText();
        String replacement = result.path("replacement").asText();
        assertThat(launched).contains(victim).doesNotContain(replacement);
        assertThat(aws.state(victim)).isEqualTo(InstanceStateName.TERMINATED);
        var relaunched = aws.instance(replacement);
        assertThat(relaunched.state().name()).isEqualTo(InstanceStateName.RUNNING);
        assertThat(relaunched.tags()).contains(tag("role", "batch"), tag("phoenix:mutability", "immutable"));
    }

    @Test
    void unreachableEndpoint_exitsThree_withAOneLineReason() throws Exception {
        int closed = dev.phoenix.localstack.EmulatorLauncher.freePort();
        Path config = dir.resolve("nowhere.yaml");
        Files.writeString(config, """
                aws: {region: us-east-1, endpoint: "http://127.0.0.1:%d", max-attempts: 2}
                groups:
                  - name: web
                    source: {aws-asg: web-asg}
                    probes: [aws-instance]
                """.formatted(closed));

        Run audit = phoenix("audit", "--config", config.toString(), "--out", dir.resolve("out").toString());

        assertThat(audit.code).as(audit.all()).isEqualTo(3);
        List<String> errors = audit.err.lines().filter(l -> l.startsWith("phoenix: group web")).toList();
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).contains("cannot be reached").contains("127.0.0.1:" + closed).contains("DescribeAutoScalingGroups");
        assertThat(audit.err).doesNotContain("\tat ").doesNotContain("Exception:");
    }

    @Test
    void unknownAutoScalingGroup_isAConfigurationError_namingTheLine() throws Exception {
        Requirements.awsEmulator();
        Path config = dir.resolve("missing.yaml");
        Files.writeString(config, """
                aws: {region: us-east-1, endpoint: "%s"}
                groups:
                  - name: web
                    source: {aws-asg: phoenix-no-such-group-%s}
                    probes: [aws-instance]
                """.formatted(endpoint, HexFormat.of().toHexDigits(new Random().nextInt())));

        Run audit = phoenix("audit", "--config", config.toString(), "--out", dir.resolve("out").toString());

        assertThat(audit.code).as(audit.all()).isEqualTo(2);
        assertThat(audit.err).contains("missing.yaml:4:").contains("no Auto Scaling group named 'phoenix-no-such-group-");
    }

    // ---- helpers

    record Run(int code, String out, String err) {
        String all() {
            return "exit " + code + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    record Seeded(String runId, Path config, String asg, String launchTemplate, String vpc, String subnet, String securityGroup,
                  String image, List<String> standalone) {
    }

    private Seeded seed(String chaosExtra) throws Exception {
        return seed(chaosExtra, Map.of());
    }

    /** Seeds a fleet of its own through the CLI and reads back what it created. */
    private Seeded seed(String chaosExtra, Map<String, String> instanceTags) throws Exception {
        String runId = "e2e-" + HexFormat.of().toHexDigits(new Random().nextInt());
        Path config = dir.resolve("phoenix.yaml");
        if (instanceTags.isEmpty()) {
            Run seeded = phoenix("localstack", "seed", "--endpoint", endpoint, "--run-id", runId, "--config-out", config.toString());
            assertThat(seeded.code).as(seeded.all()).isZero();
        } else {
            // the CLI has no option for extra tags: seed through the same seeder with them
            seedWithTags(runId, config, instanceTags);
        }
        if (!chaosExtra.isEmpty()) {
            Files.writeString(config, Files.readString(config).replace("chaos:\n  enabled: true\n", "chaos:\n  enabled: true\n" + chaosExtra));
        }
        String asg = "phoenix-" + runId + "-web";
        var group = aws.group(asg);
        String template = group.launchTemplate().launchTemplateId();
        var member = aws.instance(group.instances().get(0).instanceId());
        List<String> standalone = aws.ec2.describeInstances(r -> r.filters(
                        f -> f.name("tag:phoenix:run").values(runId), f -> f.name("tag:role").values("db"))).join()
                .reservations().stream().flatMap(r -> r.instances().stream()).map(i -> i.instanceId()).sorted().toList();
        return new Seeded(runId, config, asg, template, member.vpcId(), member.subnetId(),
                member.securityGroups().get(0).groupId(), member.imageId(), standalone);
    }

    private void seedWithTags(String runId, Path config, Map<String, String> tags) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            var ctx = dev.phoenix.spi.ProviderContext.create(vertx, Clock.systemUTC(), 1, Map.of());
            var settings = new AwsSettings("us-east-1", java.util.Optional.of(java.net.URI.create(endpoint)), java.util.Optional.empty(),
                    3, java.time.Duration.ofSeconds(30));
            var fleet = vertx.getOrCreateContext().<dev.phoenix.localstack.FleetSeeder.SeededFleet>executeBlocking(() -> null)
                    .compose(x -> new dev.phoenix.localstack.FleetSeeder(AwsClients.shared(ctx, settings))
                            .seed(dev.phoenix.localstack.FleetSeeder.Options.of(runId).withInstanceTags(tags)))
                    .toCompletionStage().toCompletableFuture().join();
            Files.writeString(config, fleet.config(endpoint));
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    private String provenance(Seeded fleet, long version) {
        return fleet.image + " " + fleet.launchTemplate + ":" + version;
    }

    /** The config with the web group's and the db group's probes replaced. */
    private static Path withProbes(Path config, String webProbes, String dbProbes) throws Exception {
        String text = Files.readString(config);
        int web = text.indexOf("probes: [aws-instance]");
        int db = text.indexOf("probes: [aws-instance]", web + 1);
        String out = text.substring(0, web) + "probes: " + webProbes + text.substring(web + "probes: [aws-instance]".length(), db)
                + "probes: " + dbProbes + text.substring(db + "probes: [aws-instance]".length());
        Files.writeString(config, out);
        return config;
    }

    private static software.amazon.awssdk.services.ec2.model.Tag tag(String k, String v) {
        return software.amazon.awssdk.services.ec2.model.Tag.builder().key(k).value(v).build();
    }

    private static Run phoenix(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of(), Clock.systemUTC());
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private JsonNode scorecard() throws Exception {
        return scorecard(dir.resolve("out"));
    }

    private static JsonNode scorecard(Path out) throws Exception {
        return JSON.readTree(out.resolve("scorecard.json").toFile());
    }

    private static List<String> members(JsonNode card, String status) {
        List<String> ids = new ArrayList<>();
        card.path("members").forEach(m -> {
            if (m.path("status").asText().equals(status)) {
                ids.add(m.path("id").asText());
            }
        });
        return ids;
    }

    private static Map<String, Integer> statuses(JsonNode card) {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        card.path("members").forEach(m -> counts.merge(m.path("status").asText(), 1, Integer::sum));
        return counts;
    }

    private static JsonNode member(JsonNode card, String id) {
        for (JsonNode m : card.path("members")) {
            if (m.path("id").asText().equals(id)) {
                return m;
            }
        }
        throw new AssertionError("no member " + id + " in the scorecard");
    }

    private static JsonNode chaos(JsonNode card, String group) {
        for (JsonNode c : card.path("chaos")) {
            if (c.path("group").asText().equals(group)) {
                return c;
            }
        }
        throw new AssertionError("no chaos result for group " + group + ": " + card.path("chaos"));
    }

    /** fact -> "expected -> actual" ((none) for absent). */
    private static Map<String, String> drift(JsonNode node) {
        Map<String, String> out = new java.util.TreeMap<>();
        JsonNode drift = node.has("drift") ? node.path("drift") : node.path("diff");
        drift.forEach(d -> out.put(d.path("fact").asText(), (d.path("expected").isNull() ? "(none)" : d.path("expected").asText())
                + " -> " + (d.path("actual").isNull() ? "(none)" : d.path("actual").asText())));
        return out;
    }
}
