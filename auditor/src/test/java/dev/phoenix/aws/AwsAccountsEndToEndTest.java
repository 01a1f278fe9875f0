package dev.phoenix.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.phoenix.cli.Main;
import dev.phoenix.localstack.FleetSeeder;
import dev.phoenix.spi.ProviderContext;
import dev.phoenix.spi.Settings;
import dev.phoenix.spi.TargetPolicy;
import dev.phoenix.testing.Requirements;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several accounts and regions audited in one run, against moto's server on 127.0.0.1:4566:
 * moto keeps the resources of each account apart for credentials obtained by AssumeRole into it,
 * so the test seeds its fleets through the same assumed-role clients Phoenix uses (account A in two
 * regions, account B in one; fresh random account ids, so that nothing is shared with other runs).
 * A third account's AssumeRole is refused with AccessDenied by a loopback proxy in front of the
 * emulator, as IAM refuses a role whose trust policy does not name the caller (moto itself accepts
 * every role). Every client of the test goes to loopback only.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 4, timeUnit = TimeUnit.MINUTES)
class AwsAccountsEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Random RANDOM = new Random();
    private static String endpoint;
    private static ProviderContext ctx;
    private static WorkerExecutor cli;
    private static RecordingAwsProxy proxy;

    @TempDir
    Path dir;

    @BeforeAll
    static void emulator(Vertx vertx, VertxTestContext t) {
        endpoint = Requirements.awsEmulator();
        URI uri = URI.create(endpoint);
        // the test's own clients: loopback only, whatever PHOENIX_TEST_AWS_ENDPOINT says
        assertThat(TargetPolicy.isLoopback(uri.getHost())).as("the emulator must be on loopback: " + endpoint).isTrue();
        ctx = ProviderContext.create(vertx, Clock.systemUTC(), 1, Map.of());
        cli = vertx.createSharedWorkerExecutor("phoenix-accounts-cli", 1, 5, TimeUnit.MINUTES);
        RecordingAwsProxy.start(vertx, uri).onComplete(t.succeeding(p -> {
            proxy = p;
            t.completeNow();
        }));
    }

    @AfterAll
    static void close(VertxTestContext t) {
        Future<Void> closing = proxy == null ? Future.succeededFuture() : proxy.close();
        closing.compose(v -> ctx == null ? Future.succeededFuture() : ctx.shared().close()).onComplete(t.succeedingThenComplete());
    }

    @Test
    void instanceChangedInOneAccount_isTheOnlyDrift_withItsAccountAndRegion_andARefusedRoleIsAFindingWhileTheOthersAreAudited(
            VertxTestContext t) {
        String a = accountId();
        String b = accountId();
        String refused = accountId();
        String runId = "acc-" + Integer.toHexString(RANDOM.nextInt());
        proxy.failWhen("AssumeRole", "RoleArn", role(refused), 403, "AccessDenied",
                "User: arn:aws:iam::123456789012:user/phoenix is not authorized to perform: sts:AssumeRole on resource: " + role(refused));
        AwsSettings settings = settings(a, b);
        AwsClients aEast = clients(settings, a, "us-east-1");
        AwsClients aWest = clients(settings, a, "eu-west-1");
        AwsClients bEast = clients(settings, b, "us-east-1");
        Path config = dir.resolve("phoenix.yaml");
        Future.all(seed(aEast, runId), seed(aWest, runId), seed(bEast, runId))
                .compose(x -> write(config, config(runId, a, b, refused)))
                .compose(x -> audit(dir.resolve("first"), config))
                .compose(first -> {
                    t.verify(() -> {
                        assertThat(first.code).as(first.all()).isEqualTo(1); // the refused account is a finding
                        // 2 Auto Scaling members and 1 standalone instance in each of three accounts and regions
                        assertThat(first.card.path("members")).as(first.all()).hasSize(9);
                        assertThat(scopes(first.card)).containsExactlyInAnyOrder(a + "/us-east-1", a + "/eu-west-1", b + "/us-east-1");
                        assertThat(statuses(first.card)).containsOnlyKeys("BASELINED");
                        assertRefusedAccountIsAFindingOfEachGroup(first.card, refused);
                    });
                    return instancesTagged(bEast, runId, "db");
                })
                .compose(db -> {
                    String victim = db.get(0);
                    return bEast.call(c -> c.ec2().modifyInstanceAttribute(r -> r.instanceId(victim).instanceType(v -> v.value("m5.large"))))
                            .compose(x -> audit(dir.resolve("second"), config))
                            .map(second -> t.verify(() -> {
                                assertThat(second.code).as(second.all()).isEqualTo(1);
                                assertThat(second.card.path("members")).hasSize(9);
                                assertThat(statuses(second.card)).as(second.all()).containsOnly(Map.entry("CONSISTENT", 8),
                                        Map.entry("DRIFTED", 1));
                                JsonNode drifted = member(second.card, "DRIFTED");
                                assertThat(drifted.path("id").asText()).isEqualTo(victim);
                                assertThat(drifted.path("account").asText()).isEqualTo(b);
                                assertThat(drifted.path("region").asText()).isEqualTo("us-east-1");
                                assertThat(drifted.path("group").asText()).isEqualTo("db");
                                List<JsonNode> drift = findings(second.card, "DRIFTED");
                                assertThat(drift).hasSize(1);
                                assertThat(drift.get(0).path("fact").asText()).isEqualTo("aws.instanceType");
                                assertThat(drift.get(0).path("expected").asText()).isEqualTo("t3.small");
                                assertThat(drift.get(0).path("actual").asText()).isEqualTo("m5.large");
                                assertThat(drift.get(0).path("account").asText()).isEqualTo(b);
                                assertThat(drift.get(0).path("region").asText()).isEqualTo("us-east-1");
                                assertThat(findings(second.card, "MISSING")).isEmpty();
                                assertRefusedAccountIsAFindingOfEachGroup(second.card, refused);
                            }));
                })
                .onComplete(t.succeedingThenComplete());
    }

    @Test
    void organization_isListedThroughItsApi_andItsMemberAccountIsAuditedWithTheManagementAccountsCredentials(VertxTestContext t) {
        String management = accountId();
        String runId = "org-" + Integer.toHexString(RANDOM.nextInt());
        AwsSettings settings = settings(management);
        AwsTarget asManagement = AwsTarget.of(settings.account(management).orElseThrow(), "us-east-1");
        AwsClients managementClients = AwsClients.shared(ctx, settings, asManagement);
        AwsJson organizations = AwsJson.organizations(ctx, settings, asManagement);
        Path config = dir.resolve("org.yaml");
        managementClients.ready()
                .compose(v -> organizations.call("CreateOrganization", Map.of("FeatureSet", "ALL")))
                .compose(v -> organizations.call("CreateAccount", Map.of("Email", runId + "@example.com", "AccountName", runId)))
                .map(created -> created.path("CreateAccountStatus").path("AccountId").asText())
                .compose(member -> {
                    t.verify(() -> assertThat(member).matches("[0-9]{12}"));
                    return seed(clients(settings(member), member, "us-east-1"), runId)
                            .compose(x -> write(config, """
                                    store: .phoenix-%1$s
                                    aws:
                                      region: us-east-1
                                      endpoint: "%2$s"
                                      organization: {role-name: PhoenixAudit, regions: [us-east-1], exclude: ["%3$s"]}
                                    groups:
                                      - name: web
                                        source: {aws-asg: phoenix-%1$s-web}
                                        probes: [aws-instance]
                                      - name: db
                                        source: {aws-ec2: {tags: {"phoenix:run": "%1$s", role: db}}}
                                        mutability: mutable
                                        probes: [aws-instance]
                                    """.formatted(runId, endpoint, management)))
                            // Phoenix's own credentials are the management account's (its assumed-role session)
                            .compose(x -> cli.executeBlocking(() -> (software.amazon.awssdk.auth.credentials.AwsSessionCredentials)
                                    managementClients.credentials().resolveCredentials(), false))
                            .compose(keys -> audit(dir.resolve("org-out"), config, Map.of("AWS_ACCESS_KEY_ID", keys.accessKeyId(),
                                    "AWS_SECRET_ACCESS_KEY", keys.secretAccessKey(), "AWS_SESSION_TOKEN", keys.sessionToken())))
                            .map(run -> t.verify(() -> {
                                assertThat(run.code).as(run.all()).isZero();
                                assertThat(run.card.path("members")).hasSize(3);
                                assertThat(scopes(run.card)).containsExactly(member + "/us-east-1");
                                assertThat(run.card.path("findings")).isEmpty();
                            }));
                })
                .onComplete(t.succeedingThenComplete());
    }

    private static void assertRefusedAccountIsAFindingOfEachGroup(JsonNode card, String refused) {
        List<JsonNode> undiscovered = findings(card, "UNDISCOVERED");
        assertThat(undiscovered).extracting(f -> f.path("group").asText()).containsExactlyInAnyOrder("web", "db");
        for (JsonNode f : undiscovered) {
            assertThat(f.path("account").asText()).isEqualTo(refused);
            assertThat(f.path("region").asText()).isEqualTo("us-east-1");
            assertThat(f.path("message").asText()).contains("AccessDenied").contains(role(refused));
        }
        for (JsonNode g : card.path("groups")) {
            assertThat(g.path("error").isNull()).as(g.toString()).isTrue();
            assertThat(g.path("unaudited")).hasSize(1);
            assertThat(g.path("unaudited").get(0).path("code").asText()).isEqualTo("AccessDenied");
            assertThat(g.path("unaudited").get(0).path("account").asText()).isEqualTo(refused);
        }
    }

    // ---- the emulator, through Phoenix's own assumed-role clients

    private static String accountId() {
        return "7" + String.format("%011d", Math.floorMod(RANDOM.nextLong(), 100_000_000_000L));
    }

    private static String role(String account) {
        return "arn:aws:iam::" + account + ":role/PhoenixAudit";
    }

    private static AwsSettings settings(String... accounts) {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (String id : accounts) {
            entries.add(Map.of("id", id, "role", role(id), "regions", List.of("us-east-1", "eu-west-1")));
        }
        return AwsSettings.from(Settings.of("", Map.of("aws", Map.of("region", "us-east-1", "endpoint", endpoint,
                "accounts", entries))), Map.of());
    }

    /** Clients of account {@code id} in {@code region}: AssumeRole into it, as Phoenix does. */
    private static AwsClients clients(AwsSettings settings, String id, String region) {
        return AwsClients.shared(ctx, settings, AwsTarget.of(settings.account(id).orElseThrow(), region));
    }

    /** A fleet (an Auto Scaling group of 2, one standalone instance) in the clients' account and region. */
    private static Future<FleetSeeder.SeededFleet> seed(AwsClients clients, String runId) {
        return clients.ready().compose(v -> new FleetSeeder(clients).seed(new FleetSeeder.Options(runId, 2, 1, null, Map.of())));
    }

    private static Future<List<String>> instancesTagged(AwsClients clients, String runId, String role) {
        return clients.call(c -> c.ec2().describeInstances(r -> r.filters(
                        f -> f.name("tag:" + FleetSeeder.RUN_TAG).values(runId), f -> f.name("tag:role").values(role))))
                .map(r -> r.reservations().stream().flatMap(res -> res.instances().stream()).map(i -> i.instanceId()).sorted().toList());
    }

    private String config(String runId, String a, String b, String refused) {
        return """
                store: .phoenix-%1$s
                aws:
                  region: us-east-1
                  endpoint: "%2$s"
                  accounts:
                    - {id: "%3$s", role: "%6$s", regions: [us-east-1, eu-west-1]}
                    - {id: "%4$s", role: "%7$s", external-id: "phoenix-test", session-name: phoenix-e2e, regions: [us-east-1]}
                    - {id: "%5$s", role: "%8$s", regions: [us-east-1]}
                groups:
                  - name: web
                    source: {aws-asg: phoenix-%1$s-web}
                    probes: [aws-instance]
                  - name: db
                    source: {aws-ec2: {tags: {"phoenix:run": "%1$s", role: db}}}
                    mutability: mutable
                    probes: [aws-instance]
                """.formatted(runId, proxy.endpoint(), a, b, refused, role(a), role(b), role(refused));
    }

    // ---- the CLI

    record Run(int code, String out, String err, JsonNode card) {
        String all() {
            return "exit " + code + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    private static Future<Void> write(Path file, String text) {
        return cli.executeBlocking(() -> {
            Files.writeString(file, text);
            return null;
        }, false);
    }

    private static Future<Run> audit(Path out, Path config) {
        return audit(out, config, Map.of());
    }

    private static Future<Run> audit(Path out, Path config, Map<String, String> env) {
        return cli.executeBlocking(() -> {
            ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            ByteArrayOutputStream stderr = new ByteArrayOutputStream();
            int code = Main.run(new String[] {"audit", "--config", config.toString(), "--out", out.toString()},
                    new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stderr, true, StandardCharsets.UTF_8),
                    env, Clock.systemUTC());
            Path card = out.resolve("scorecard.json");
            return new Run(code, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8),
                    Files.exists(card) ? JSON.readTree(card.toFile()) : null);
        }, false);
    }

    // ---- the scorecard

    private static Set<String> scopes(JsonNode card) {
        Set<String> out = new TreeSet<>();
        card.path("members").forEach(m -> out.add(m.path("account").asText() + "/" + m.path("region").asText()));
        return out;
    }

    private static Map<String, Integer> statuses(JsonNode card) {
        Map<String, Integer> counts = new TreeMap<>();
        card.path("members").forEach(m -> counts.merge(m.path("status").asText(), 1, Integer::sum));
        return counts;
    }

    private static JsonNode member(JsonNode card, String status) {
        for (JsonNode m : card.path("members")) {
            if (m.path("status").asText().equals(status)) {
                return m;
            }
        }
        throw new AssertionError("no " + status + " member in " + card.path("members"));
    }

    private static List<JsonNode> findings(JsonNode card, String kind) {
        List<JsonNode> out = new ArrayList<>();
        card.path("findings").forEach(f -> {
            if (f.path("kind").asText().equals(kind)) {
                out.add(f);
            }
        });
        return out;
    }
}
