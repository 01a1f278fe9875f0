package dev.phoenix.history;

import dev.phoenix.aws.S3ObjectStore;
import static org.assertj.core.api.Assertions.assertThat;

import dev.phoenix.aws.AwsClients;
import dev.phoenix.aws.AwsSettings;
import dev.phoenix.baseline.Acceptance;
import dev.phoenix.baseline.AcceptanceLog;
import dev.phoenix.baseline.GroupBaselines;
import dev.phoenix.baseline.ObjectBaselineStore;
import dev.phoenix.chaos.LedgerContention;
import dev.phoenix.chaos.ObjectChaosLedger;
import dev.phoenix.cli.Cli;
import dev.phoenix.testing.MutableClock;
import dev.phoenix.model.Fingerprint;
import dev.phoenix.spi.ProviderContext;
import dev.phoenix.spi.Settings;
import dev.phoenix.testing.Requirements;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The s3:// store against the AWS emulator (moto's server on 127.0.0.1:4566), in a bucket of its own. */
@ExtendWith(VertxExtension.class)
class S3StoreTest {

    static final Map<String, String> ENV = Map.of("AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test");
    static String endpoint;
    static String bucket;
    static AwsClients aws;

    @TempDir
    Path dir;

    @BeforeAll
    static void emulator(Vertx vertx, VertxTestContext t) {
        endpoint = Requirements.awsEmulator();
        bucket = "phoenix-test-" + UUID.randomUUID().toString().substring(0, 8);
        ProviderContext ctx = ProviderContext.create(vertx, Clock.systemUTC(), 1, ENV);
        aws = AwsClients.shared(ctx, AwsSettings.from(Settings.of("", Map.of("aws", Map.of("endpoint", endpoint, "region", "us-east-1"))),
                ENV));
        aws.call(c -> c.s3().createBucket(b -> b.bucket(bucket))).onComplete(t.succeedingThenComplete());
    }

    private S3ObjectStore store(String prefix) {
        return new S3ObjectStore(aws, bucket, prefix);
    }

    @Test
    void objects_roundTripListAndDelete(VertxTestContext t) {
        S3ObjectStore store = store("objects/" + UUID.randomUUID());
        store.put("a/one.json", "{\"n\":1}".getBytes())
                .compose(v -> store.put("a/two.json", "{\"n\":2}".getBytes()))
                .compose(v -> store.put("b/three.json", "{}".getBytes()))
                .compose(v -> store.list("a/"))
                .compose(keys -> {
                    t.verify(() -> assertThat(keys).containsExactly("a/one.json", "a/two.json"));
                    return store.get("a/two.json");
                })
                .compose(found -> {
                    t.verify(() -> assertThat(new String(found.orElseThrow())).isEqualTo("{\"n\":2}"));
                    return store.delete("a/two.json");
                })
                .compose(v -> store.get("a/two.json"))
                .onComplete(t.succeeding(found -> t.verify(() -> {
                    assertThat(found).isEmpty();
                    t.completeNow();
                })));
    }

    @Test
    void putIf_isS3sConditionalWrite(VertxTestContext t) {
        S3ObjectStore store = store("cas/" + UUID.randomUUID());
        store.putIf("chaos/ledger.json", "1".getBytes(), null)
                .compose(created -> {
                    t.verify(() -> assertThat(created).as("If-None-Match: * where there was nothing").isTrue());
                    return store.putIf("chaos/ledger.json", "2".getBytes(), null);
                })
                .compose(again -> {
                    t.verify(() -> assertThat(again).as("If-None-Match: * over an object").isFalse());
                    return store.getVersioned("chaos/ledger.json");
                })
                .compose(v1 -> store.put("chaos/ledger.json", "2".getBytes())
                        .compose(x -> store.putIf("chaos/ledger.json", "3".getBytes(), v1.version())))
                .compose(stale -> {
                    t.verify(() -> assertThat(stale).as("If-Match a replaced ETag").isFalse());
                    return store.getVersioned("chaos/ledger.json");
                })
                .compose(v2 -> {
                    t.verify(() -> assertThat(new String(v2.content().orElseThrow())).isEqualTo("2"));
                    return store.putIf("chaos/ledger.json", "3".getBytes(), v2.version());
                })
                .compose(current -> {
                    t.verify(() -> assertThat(current).as("If-Match the current ETag").isTrue());
                    return store.get("chaos/ledger.json");
                })
                .onComplete(t.succeeding(found -> t.verify(() -> {
                    assertThat(new String(found.orElseThrow())).isEqualTo("3");
                    t.completeNow();
                })));
    }

    @Test
    void chaosLedger_twoProcessesClaimingAtOnce_loseNothing(Vertx vertx, VertxTestContext t) {
        String prefix = "ledger/" + UUID.randomUUID();
        LedgerContention.concurrentClaimsInDifferentGroups_allStand(vertx, () -> store(prefix), 10, t);
    }

    @Test
    void chaosLedger_twoProcessesClaimingOneGroup_oneWins(Vertx vertx, VertxTestContext t) {
        String prefix = "ledger/" + UUID.randomUUID();
        LedgerContention.concurrentClaimsInOneGroup_oneWins(vertx, () -> store(prefix), t);
    }

    @Test
    void missingBucket_failsNamingTheObjectAndTheCause(VertxTestContext t) {
        S3ObjectStore store = new S3ObjectStore(aws, "phoenix-no-such-bucket-" + UUID.randomUUID().toString().substring(0, 8), "p");
        store.put("baselines/web.json", new byte[] {1}).onComplete(t.failing(e -> t.verify(() -> {
            assertThat(e).hasMessageStartingWith("cannot write s3://phoenix-no-such-bucket-").hasMessageContaining("NoSuchBucket");
            t.completeNow();
        })));
    }

    @Test
    void baselinesLedgerHistoryAndDecisions_workOnS3(Vertx vertx, VertxTestContext t) {
        S3ObjectStore store = store("phoenix/" + UUID.randomUUID());
        ObjectBaselineStore baselines = new ObjectBaselineStore(store);
        ObjectChaosLedger ledger = new ObjectChaosLedger(store, vertx);
        MutableClock clock = new MutableClock(Instant.parse("2026-03-10T00:00:00Z"));
        RunHistory history = new StoredRunHistory(store, new HistorySettings(2, Duration.ZERO), clock);
        AcceptanceLog log = new AcceptanceLog(store, new Random(1));
        Instant at = Instant.parse("2026-03-04T10:30:00Z");
        Fingerprint fp = Fingerprint.ofMap(Map.of("app.version", "1.0"));
        baselines.load("web")
                .compose(b -> {
                    b.putMember("web-1", fp, "web:1", at, "alice", "accepted drift: app.version");
                    return baselines.save(b);
                })
                .compose(v -> ledger.claim("web", "web-2", at, Duration.ofHours(1)))
                .compose(v -> Future.all(List.of(
                        history.save(Scorecards.at(Instant.parse("2026-03-01T10:00:00Z"), "a", 80)),
                        history.save(Scorecards.at(Instant.parse("2026-03-02T10:00:00Z"), "b", 81)))))
                .compose(v -> history.save(Scorecards.at(Instant.parse("2026-03-03T10:00:00Z"), "c", 82)))
                .compose(v -> log.append("web", List.of(new Acceptance(at, "alice", Acceptance.Action.ACCEPT, "web", Acceptance.Subject.member("web-1"), null,
                        fp.digest(), List.of(), "patch window"))))
                // a new process: new store objects on the same bucket and prefix
                .compose(v -> {
                    S3ObjectStore again = new S3ObjectStore(aws, bucket, store.describe().replace("s3://" + bucket + "/", ""));
                    return Future.all(new ObjectBaselineStore(again).load("web"), new ObjectChaosLedger(again, vertx).lastTerminations(),
                            new StoredRunHistory(again, HistorySettings.defaults(), clock).list(10),
                            new AcceptanceLog(again, new Random(2)).list("web"));
                })
                .onComplete(t.succeeding(all -> t.verify(() -> {
                    GroupBaselines b = all.resultAt(0);
                    assertThat(b.member("web-1")).get().satisfies(c -> {
                        assertThat(c.entry().acceptedBy()).isEqualTo("alice");
                        assertThat(c.fingerprint()).isEqualTo(fp);
                    });
                    Map<String, Instant> last = all.resultAt(1);
                    assertThat(last).containsEntry("web", at);
                    List<RunSummary> runs = all.resultAt(2);
                    assertThat(runs).extracting(r -> r.score().overall()).containsExactly(82, 81);
                    List<Acceptance> decisions = all.resultAt(3);
                    assertThat(decisions).singleElement().satisfies(a -> assertThat(a.by()).isEqualTo("alice"));
                    t.completeNow();
                })));
    }

    @Test
    void auditWithAnS3Store_writesToAwsEndpointUrlS3_withTheEmulatorsDummyKey(VertxTestContext t) throws Exception {
        String prefix = "cli/" + UUID.randomUUID();
        Path config = dir.resolve("phoenix.yaml");
        Files.writeString(config, """
                store: s3://%s/%s
                probing: {targets: loopback}
                groups:
                  - name: web
                    source: {simulated: {members: 2, kind: instance}}
                    probes: [{http: {url: "{url}", name: state, identity: ["member.*"]}}]
                """.formatted(bucket, prefix));

        // no aws: section and no keys: the store alone goes to the emulator, signed with the dummy key
        Cli cli = Cli.run(Map.of("AWS_ENDPOINT_URL_S3", endpoint), "audit", "--config", config.toString(), "--out",
                dir.resolve("out").toString());

        t.verify(() -> assertThat(cli.exit()).as(cli.err()).isZero());
        store(prefix).list("").onComplete(t.succeeding(keys -> t.verify(() -> {
            assertThat(keys).contains("baselines/web.json").anyMatch(k -> k.startsWith("runs/") && k.endsWith("/scorecard.json"));
            t.completeNow();
        })));
    }

    @Test
    void reportExport_copiesEveryFormatUnderTheRunId_andLatest() throws Exception {
        String prefix = "export/" + UUID.randomUUID();
        Path config = dir.resolve("phoenix.yaml");
        Files.writeString(config, """
                store: state
                probing: {targets: loopback}
                groups:
                  - name: web
                    source: {simulated: {members: 2, kind: instance}}
                    probes: [{http: {url: "{url}", name: state, identity: ["member.*"]}}]
                report: {formats: [json, html, sarif], export: "s3://%s/%s"}
                """.formatted(bucket, prefix));
        Cli first = Cli.run(Map.of("AWS_ENDPOINT_URL_S3", endpoint), "audit", "--config", config.toString(), "--out",
                dir.resolve("out").toString());
        assertThat(first.exit()).as(first.err()).isZero();
        String runId = dev.phoenix.report.ScorecardJson.read(Files.newInputStream(dir.resolve("out/scorecard.json"))).runId();
        assertThat(first.out()).contains("Exported: s3://" + bucket + "/" + prefix + " (3 files under " + runId);
        List<String> keys = await(store(prefix).list(""));
        assertThat(keys).containsExactlyInAnyOrder(runId + "/scorecard.json", runId + "/scorecard.html",
                runId + "/phoenix.sarif", "latest/scorecard.json", "latest/scorecard.html", "latest/phoenix.sarif");
        assertThat(await(store(prefix).get("latest/scorecard.html")))
                .hasValueSatisfying(b -> assertThat(b).isEqualTo(readBytes(dir.resolve("out/scorecard.html"))));

        Path noBucket = Files.writeString(dir.resolve("nobucket.yaml"), Files.readString(config).replace(bucket, bucket + "-missing"));
        Cli missing = Cli.run(Map.of("AWS_ENDPOINT_URL_S3", endpoint), "audit", "--config", noBucket.toString(),
                "--out", dir.resolve("out2").toString());
        assertThat(missing.exit()).as("a failed export exits 3, the local reports written: " + missing.err()).isEqualTo(3);
        assertThat(missing.err()).contains("cannot export the reports to s3://" + bucket + "-missing/").doesNotContain("Exception");
        assertThat(dir.resolve("out2/scorecard.json")).exists();
    }

    private static byte[] readBytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static <T> T await(io.vertx.core.Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
    }
}
