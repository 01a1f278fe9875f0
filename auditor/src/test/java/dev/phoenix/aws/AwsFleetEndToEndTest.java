package dev.phoenix.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.phoenix.cli.Main;
import dev.phoenix.localstack.FleetSeeder;
import dev.phoenix.spi.ProviderContext;
import dev.phoenix.testing.Requirements;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
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
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/**
 * The AWS provider end to end against a real emulator over HTTP (moto's server on
 * 127.0.0.1:4566, started by .ci/run): every test seeds its own fleet with {@code phoenix
 * localstack seed} under a run id of its own (moto is shared; nothing is reset), changes it
 * through the AWS API as an operator would ({@link EmulatorAccount}, on the same AwsClients as
 * Phoenix), and runs {@code phoenix} commands against it. Each test is one chain of futures; the
 * CLI, which blocks until its run ends, runs on a worker pool of its own, never on an event loop.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 4, timeUnit = TimeUnit.MINUTES)
class AwsFleetEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static String endpoint;
    private static Vertx vertx;
    private static ProviderContext ctx;
    private static EmulatorAccount aws;
    private static WorkerExecutor cli;

    @TempDir
    Path dir;

    @BeforeAll
    static void emulator(Vertx shared) {
        endpoint = Requirements.awsEmulator();
        vertx = shared;
        ctx = ProviderContext.create(shared, Clock.systemUTC(), 1, Map.of());
        aws = EmulatorAccount.at(ctx, endpoint);
        // one CLI run at a time; a run with chaos may take minutes: not a blocked thread
        cli = shared.createSharedWorkerExecutor("phoenix-cli", 1, 10, TimeUnit.MINUTES);
    }

    @Test
    void mutableInstanceChangedInPlace_isTheOnlyDriftedMember_withTheChangedFacts(VertxTestContext t) {
        seed("").compose(fleet -> phoenix("baseline", "capture", "--config", fleet.config.toString()).compose(capture -> {
            t.verify(() -> assertThat(capture.code).as(capture.all()).isZero());
            String victim = fleet.standalone.get(1);
            return aws.createSecurityGroup(fleet.vpc, "phoenix-" + fleet.runId + "-extra").compose(extraGroup -> aws
                    .changeInstanceType(victim, "m5.large")
                    .compose(v -> aws.setSecurityGroups(victim, List.of(fleet.securityGroup, extraGroup)))
                    .compose(v -> aws.attachVolume(victim, "/dev/sdf", 20))
                    .compose(v -> audit(dir.resolve("out"), "--config", fleet.config.toString()))
                    .map(audit -> t.verify(() -> {
                        assertThat(audit.code).as(audit.all()).isEqualTo(1);
                        assertThat(members(audit.card, "DRIFTED")).containsExactly(victim);
                        assertThat(statuses(audit.card)).containsOnlyKeys("CONSISTENT", "DRIFTED");
                        Map<String, String> drift = drift(member(audit.card, victim));
                        assertThat(drift).containsEntry("aws.instanceType", "t3.small -> m5.large")
                                .containsEntry("aws.securityGroups", fleet.securityGroup + " -> "
                                        + String.join(",", List.of(fleet.securityGroup, extraGroup).stream().sorted().toList()))
                                .containsEntry("aws.volume.sdf.size", "(none) -> 20")
                                .containsEntry("aws.volume.sdf.type", "(none) -> gp3")
                                .containsEntry("aws.volume.sdf.encrypted", "(none) -> false");
                        assertThat(audit.out).contains("DRIFTED").contains(victim);
                    })));
        })).onComplete(t.succeedingThenComplete());
    }

    @Test
    void unleashedChaosOnTheAutoScalingGroup_terminatesTheVictim_andItsReplacementIsReproduced(VertxTestContext t) {
        seed("").compose(fleet -> aws.groupMembers(fleet.asg).compose(before -> phoenix("audit", "--config", fleet.config.toString())
                .compose(first -> {
                    t.verify(() -> assertThat(first.code).as(first.all()).isZero());
                    return audit(dir.resolve("out"), "--config", fleet.config.toString(), "--chaos", "--unleash", "--seed", "7");
                })
                .compose(chaos -> {
                    t.verify(() -> assertThat(chaos.code).as(chaos.all()).isZero());
                    JsonNode result = chaos(chaos.card, "web");
                    String victim = result.path("victim").asText();
                    String replacement = result.path("replacement").asText();
                    t.verify(() -> {
                        assertThat(result.path("verdict").asText()).as(result.toString()).isEqualTo("REPRODUCED");
                        assertThat(before).contains(victim).doesNotContain(replacement);
                        assertThat(result.path("timeToReplaceMs").isNumber()).isTrue();
                        assertThat(chaos.out).contains("REPRODUCED").contains(victim + " -> " + replacement);
                    });
                    return Future.all(aws.state(victim), aws.group(fleet.asg)).map(all -> t.verify(() -> {
                        assertThat(all.<InstanceStateName>resultAt(0)).isEqualTo(InstanceStateName.TERMINATED);
                        List<String> inService = all.<software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup>resultAt(1)
                                .instances().stream().filter(i -> i.lifecycleStateAsString().equals("InService"))
                                .map(i -> i.instanceId()).toList();
                        assertThat(inService).contains(replacement).doesNotContain(victim).hasSize(3);
                    }));
                })))
                .onComplete(t.succeedingThenComplete());
    }

    @Test
    void autoScalingMemberStoppedOutsideTheGroup_leavesItShortOfItsDesiredCapacity_andChaosSkipsIt(VertxTestContext t) {
        seed("").compose(fleet -> aws.groupMembers(fleet.asg).compose(before -> phoenix("audit", "--config", fleet.config.toString())
                .compose(first -> {
                    t.verify(() -> assertThat(first.code).as(first.all()).isZero());
                    return aws.stop(before.get(0));
                })
                .compose(v -> audit(dir.resolve("out"), "--config", fleet.config.toString(), "--chaos", "--unleash", "--seed", "7"))
                .compose(chaos -> {
                    t.verify(() -> {
                        assertThat(chaos.code).as(chaos.all()).isEqualTo(1);
                        JsonNode web = group(chaos.card, "web");
                        assertThat(web.path("expectedMembers").asInt()).isEqualTo(3);
                        assertThat(web.path("expectedFrom").asText()).isEqualTo("provider");
                        assertThat(web.path("inService").asInt()).isEqualTo(2);
                        JsonNode stopped = member(chaos.card, before.get(0));
                        assertThat(stopped.path("status").asText()).isEqualTo("UNREACHABLE");
                        assertThat(stopped.path("probeErrors").toString()).contains("is stopped");
                        assertThat(chaos.card.path("chaos")).allSatisfy(c -> assertThat(c.path("verdict").asText()).isEqualTo("SKIPPED"));
                        assertThat(chaos.card.path("chaos").toString()).contains("2 of 3 expected members in service");
                        assertThat(chaos.out).contains("2 of 3 expected members in service");
                    });
                    return aws.groupMembers(fleet.asg).map(after -> t.verify(() ->
                            assertThat(after).as("nothing terminated").containsExactlyElementsOf(before)));
                })))
                .onComplete(t.succeedingThenComplete());
    }

    @Test
    void autoScalingMemberChangedInPlace_isMutated_andAsVictimItsReplacementDiverges(VertxTestContext t) {
        seed("  target: mutated-first\n").compose(fleet -> phoenix("audit", "--config", fleet.config.toString())
                .compose(first -> {
                    t.verify(() -> assertThat(first.code).as(first.all()).isZero());
                    return aws.groupMembers(fleet.asg);
                })
                .compose(members -> {
                    String member = members.get(0);
                    return aws.createSecurityGroup(fleet.vpc, "phoenix-" + fleet.runId + "-hotfix")
                            .compose(extra -> aws.setSecurityGroups(member, List.of(fleet.securityGroup, extra)))
                            .compose(v -> audit(dir.resolve("audit"), "--config", fleet.config.toString()))
                            .compose(audit -> {
                                t.verify(() -> {
                                    assertThat(audit.code).as(audit.all()).isEqualTo(1);
                                    assertThat(members(audit.card, "MUTATED")).containsExactly(member);
                                    assertThat(drift(member(audit.card, member))).containsKey("aws.securityGroups");
                                });
                                return audit(dir.resolve("chaos"), "--config", fleet.config.toString(), "--chaos", "--unleash");
                            })
                            .compose(chaos -> {
                                JsonNode result = chaos(chaos.card, "web");
                                t.verify(() -> {
                                    assertThat(result.path("victim").asText()).isEqualTo(member);
                                    assertThat(result.path("verdict").asText()).as(result.toString()).isEqualTo("DIVERGED");
                                    assertThat(result.path("replacementMatchesGolden").asBoolean()).isTrue();
                                    assertThat(result.path("reason").asText()).contains("changed in place");
                                    assertThat(drift(result)).containsOnlyKeys("aws.securityGroups");
                                });
                                return aws.state(member);
                            })
                            .map(state -> t.verify(() -> assertThat(state).isEqualTo(InstanceStateName.TERMINATED)));
                }))
                .onComplete(t.succeedingThenComplete());
    }

    @Test
    void newLaunchTemplateVersion_isReportedAsRollout_andReplacementsAreJudgedAgainstTheNewVersion(VertxTestContext t) {
        seed("").compose(fleet -> phoenix("audit", "--config", fleet.config.toString())
                .compose(first -> {
                    t.verify(() -> assertThat(first.code).as(first.all()).isZero());
                    return aws.publishVersion(fleet.launchTemplate, "t3.small");
                })
                .compose(version -> {
                    String v1 = provenance(fleet, 1);
                    String v2 = provenance(fleet, version);
                    return audit(dir.resolve("rollout"), "--config", fleet.config.toString())
                            .compose(audit -> {
                                t.verify(() -> {
                                    assertThat(audit.code).as(audit.all()).isZero();
                                    JsonNode rollouts = audit.card.path("rollouts");
                                    assertThat(rollouts).hasSize(1);
                                    assertThat(rollouts.get(0).path("group").asText()).isEqualTo("web");
                                    assertThat(rollouts.get(0).path("from").asText()).isEqualTo(v1);
                                    assertThat(rollouts.get(0).path("to").asText()).isEqualTo(v2);
                                    assertThat(statuses(audit.card)).containsOnlyKeys("CONSISTENT");
                                    assertThat(audit.out).contains("ROLLOUTS");
                                });
                                // the first member launched from the new version: judged against that version, not against its victim
                                return audit(dir.resolve("first"), "--config", fleet.config.toString(), "--chaos", "--unleash");
                            })
                            .compose(first -> {
                                JsonNode result = chaos(first.card, "web");
                                String replacement = result.path("replacement").asText();
                                t.verify(() -> {
                                    // the first of its provenance: adopted as its golden, nothing compared (outside reproducibility)
                                    assertThat(result.path("verdict").asText()).as(first.all()).isEqualTo("ADOPTED");
                                    assertThat(result.path("reason").asText()).contains("built from " + v2).contains("golden");
                                });
                                return Future.all(aws.instance(replacement), aws.instance(result.path("victim").asText()))
                                        .map(all -> {
                                            t.verify(() -> {
                                                assertThat(all.<software.amazon.awssdk.services.ec2.model.Instance>resultAt(0)
                                                        .instanceTypeAsString()).isEqualTo("t3.small");
                                                assertThat(all.<software.amazon.awssdk.services.ec2.model.Instance>resultAt(1)
                                                        .instanceTypeAsString()).isEqualTo("t3.micro");
                                            });
                                            return replacement;
                                        });
                            })
                            // the next one is compared with the golden the first one set for the new version
                            .compose(replacement -> audit(dir.resolve("second"), "--config", fleet.config.toString(), "--chaos",
                                    "--unleash").map(second -> t.verify(() -> {
                                        assertThat(member(second.card, replacement).path("status").asText()).isEqualTo("CONSISTENT");
                                        assertThat(member(second.card, replacement).path("provenance").asText()).isEqualTo(v2);
                                        assertThat(statuses(second.card)).containsOnlyKeys("CONSISTENT");
                                        JsonNode result = chaos(second.card, "web");
                                        assertThat(result.path("verdict").asText()).as(second.all()).isEqualTo("REPRODUCED");
                                        assertThat(result.path("replacementMatchesGolden").asBoolean()).isTrue();
                                        assertThat(second.card.path("rollouts")).isEmpty();
                                    })));
                }))
                .onComplete(t.succeedingThenComplete());
    }

    @Test
    void leashedChaos_terminatesNothing(VertxTestContext t) {
        seed("").compose(fleet -> aws.groupMembers(fleet.asg).compose(before -> audit(dir.resolve("out"), "--config",
                        fleet.config.toString(), "--chaos")
                .compose(leashed -> {
                    t.verify(() -> {
                        assertThat(leashed.code).as(leashed.all()).isZero();
                        assertThat(leashed.card.path("mode").asText()).isEqualTo("leashed");
                        JsonNode result = chaos(leashed.card, "web");
                        assertThat(result.path("verdict").asText()).isEqualTo("SKIPPED");
                        assertThat(result.path("reason").asText()).contains("leashed");
                    });
                    List<Future<InstanceStateName>> states = before.stream().map(aws::state).toList();
                    return Future.all(aws.groupMembers(fleet.asg), Future.all(states)).map(all -> t.verify(() -> {
                        assertThat(all.<List<String>>resultAt(0)).isEqualTo(before);
                        assertThat(states).extracting(Future::result).containsOnly(InstanceStateName.RUNNING);
                    }));
                })))
                .onComplete(t.succeedingThenComplete());
    }

    @Test
    void httpProbeOnAws_reachesLoopbackServersByTag_andRefusesTheAddressesTheEmulatorReports(VertxTestContext t) {
        httpProbeAudit(false, t);
    }

    @Test
    void emulatorGivenOnlyThroughAwsEndpointUrl_stillMakesProbingLoopbackOnly(VertxTestContext t) {
        // no aws.endpoint and no probing.targets in the config: AWS_ENDPOINT_URL alone must keep probes off 10.x addresses
        httpProbeAudit(true, t);
    }

    /** The web group probed on loopback servers named by a tag, the db group at the private addresses moto reports. */
    private void httpProbeAudit(boolean endpointFromEnvironment, VertxTestContext t) {
        vertx.createHttpServer()
                .requestHandler(req -> req.response().putHeader("content-type", "application/json")
                        .end("{\"config\":{\"workers\":4},\"version\":\"1.0.0\"}"))
                .listen(0, "127.0.0.1")
                .compose(server -> seedWithTags(Map.of("phoenix:probe-port", String.valueOf(server.actualPort())))
                        .compose(fleet -> blocking(() -> {
                            Path config = withProbes(fleet.config,
                                    "[aws-instance, {http: {url: \"http://127.0.0.1:{tag:phoenix:probe-port}/state\"}}]",
                                    "[aws-instance, {http: {url: \"http://{privateIp}:8080/config\"}}]");
                            if (endpointFromEnvironment) {
                                String text = Files.readString(config);
                                String edited = text.replace(", endpoint: \"" + endpoint + "\"", "").replace("probing:\n  targets: loopback", "");
                                assertThat(edited).doesNotContain("endpoint").doesNotContain("targets");
                                Files.writeString(config, edited);
                            }
                            return config;
                        }).compose(config -> audit(dir.resolve("out"), endpointFromEnvironment ? Map.of("AWS_ENDPOINT_URL", endpoint)
                                : Map.of(), "--config", config.toString()))
                                .compose(audit -> {
                                    t.verify(() -> {
                                        assertThat(members(audit.card, "BASELINED")).as(audit.all()).hasSize(3);
                                        assertThat(members(audit.card, "UNREACHABLE")).hasSize(3)
                                                .containsExactlyInAnyOrderElementsOf(fleet.standalone);
                                        for (String id : fleet.standalone) {
                                            assertThat(member(audit.card, id).path("probeErrors").get(0).path("cause").asText())
                                                    .startsWith("not requesting http://10.").contains("is not a loopback address");
                                        }
                                        assertThat(audit.code).isEqualTo(1);
                                    });
                                    return read(fleet.config.getParent().resolve(".phoenix-" + fleet.runId).resolve("baselines/web.json"));
                                })
                                .map(golden -> t.verify(() -> assertThat(golden)
                                        .contains("\"http.state.json.config.workers\" : \"4\"")
                                        .contains("\"aws.instanceType\" : \"t3.micro\""))))
                        .eventually(() -> server.close()))
                .onComplete(t.succeedingThenComplete());
    }

    @Test
    void ssmCommandProbe_runsThroughRunCommand_andFingerprintsItsOutput(VertxTestContext t) {
        seed("").compose(fleet -> blocking(() -> withProbes(fleet.config,
                        "[{ssm-command: {name: app-conf, commands: [\"cat /etc/app.conf\"], poll-interval: 200ms}}]",
                        "[{ssm-command: {name: app-conf, commands: [\"cat /etc/app.conf\"], stdout: text}}]"))
                .compose(config -> audit(dir.resolve("out"), "--config", config.toString()))
                .compose(audit -> {
                    t.verify(() -> {
                        assertThat(audit.code).as(audit.all()).isZero();
                        assertThat(members(audit.card, "BASELINED")).hasSize(6);
                    });
                    return read(fleet.config.getParent().resolve(".phoenix-" + fleet.runId).resolve("baselines/web.json"));
                })
                // moto answers every command with Success, exit code 0 and no output: the digest is that of ""
                .map(baselines -> t.verify(() -> assertThat(baselines).contains("\"ssm.app-conf.status\" : \"Success\"")
                        .contains("\"ssm.app-conf.exitCode\" : \"0\"")
                        .contains("\"ssm.app-conf.stdout.sha256\" : \"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\""))))
                .onComplete(t.succeedingThenComplete());
    }

    @Test
    void standaloneImmutableInstance_isRelaunchedFromItsLaunchTemplate(VertxTestContext t) {
        seed("").compose(fleet -> {
            Map<String, String> tags = Map.of("phoenix:run", fleet.runId, "role", "batch", "phoenix:mutability", "immutable");
            List<Future<String>> launches = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                launches.add(aws.launch(fleet.launchTemplate, "1", fleet.subnet, tags));
            }
            return Future.all(launches).compose(x -> blocking(() -> {
                        Path config = dir.resolve("batch.yaml");
                        Files.writeString(config, """
                                store: .phoenix-batch
                                aws: {region: us-east-1, endpoint: "%s"}
                                groups:
                                  - name: batch
                                    source: {aws-ec2: {tags: {"phoenix:run": "%s", role: batch}}}
                                    probes: [aws-instance]
                                chaos: {enabled: true, replace-timeout: 1m}
                                """.formatted(endpoint, fleet.runId));
                        return config;
                    }))
                    .compose(config -> phoenix("audit", "--config", config.toString()).compose(first -> {
                        t.verify(() -> assertThat(first.code).as(first.all()).isZero());
                        return audit(dir.resolve("out"), "--config", config.toString(), "--chaos", "--unleash");
                    }))
                    .compose(chaos -> {
                        JsonNode result = chaos(chaos.card, "batch");
                        String victim = result.path("victim").asText();
                        String replacement = result.path("replacement").asText();
                        t.verify(() -> {
                            assertThat(result.path("verdict").asText()).as(chaos.all()).isEqualTo("REPRODUCED");
                            assertThat(launches).extracting(Future::result).contains(victim).doesNotContain(replacement);
                        });
                        return Future.all(aws.state(victim), aws.instance(replacement)).map(all -> t.verify(() -> {
                            assertThat(all.<InstanceStateName>resultAt(0)).isEqualTo(InstanceStateName.TERMINATED);
                            software.amazon.awssdk.services.ec2.model.Instance relaunched = all.resultAt(1);
                            assertThat(relaunched.state().name()).isEqualTo(InstanceStateName.RUNNING);
                            assertThat(relaunched.tags()).containsAll(EmulatorAccount.tags(Map.of("role", "batch",
                                    "phoenix:mutability", "immutable")));
                        }));
                    });
        }).onComplete(t.succeedingThenComplete());
    }

    @Test
    void keys_neverAppearInLogsOrReports_evenWithEveryLoggerAtDebug(VertxTestContext t) {
        // a process of its own, so that logback's configuration (every logger at DEBUG: Phoenix, the
        // SDK, Netty) is the product's; moto's server takes any key
        String accessKey = "AKIAPHOENIXKEYTEST42";
        String secretKey = "phoenixSecret/" + HexFormat.of().toHexDigits(new Random().nextLong()) + "+Zz";
        String sessionToken = "phoenixSession" + HexFormat.of().toHexDigits(new Random().nextLong());
        seed("").compose(fleet -> blocking(() -> {
            Path out = dir.resolve("debug-out");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(java, "-Dlogback.configurationFile=logback.xml",
                    "-cp", System.getProperty("java.class.path"), "dev.phoenix.cli.Main",
                    "audit", "-vv", "--config", fleet.config.toString(), "--out", out.toString(), "--chaos", "--unleash", "--seed", "3")
                    .redirectOutput(dir.resolve("debug.out").toFile())
                    .redirectError(dir.resolve("debug.err").toFile());
            pb.environment().put("PHOENIX_ROOT_LOG_LEVEL", "DEBUG");
            pb.environment().put("AWS_ACCESS_KEY_ID", accessKey);
            pb.environment().put("AWS_SECRET_ACCESS_KEY", secretKey);
            pb.environment().put("AWS_SESSION_TOKEN", sessionToken);
            pb.environment().remove("AWS_PROFILE");
            Process p = pb.start();
            assertThat(p.waitFor(3, TimeUnit.MINUTES)).as("audit finished").isTrue();
            String err = Files.readString(dir.resolve("debug.err"));
            t.verify(() -> {
                assertThat(p.exitValue()).as(() -> "exit code; stderr tail: " + err.substring(Math.max(0, err.length() - 3000)))
                        .isZero();
                assertThat(err).as("the SDK logged at DEBUG").contains("software.amazon.awssdk");
            });
            List<Path> written = new ArrayList<>();
            try (var files = Files.walk(dir)) {
                files.filter(Files::isRegularFile).filter(f -> !f.equals(fleet.config)).forEach(written::add);
            }
            for (Path file : written) {
                String text = Files.readString(file, StandardCharsets.ISO_8859_1);
                t.verify(() -> assertThat(text).as(file.toString()).doesNotContain(secretKey).doesNotContain(accessKey)
                        .doesNotContain(sessionToken));
            }
            t.verify(() -> assertThat(written).extracting(f -> f.getFileName().toString())
                    .contains("debug.err", "debug.out", "scorecard.json", "scorecard.html", "junit.xml"));
            return null;
        })).onComplete(t.succeedingThenComplete());
    }

    @Test
    void unreachableEndpoint_exitsThree_withAOneLineReason(VertxTestContext t) {
        int closed = dev.phoenix.localstack.EmulatorLauncher.freePort();
        blocking(() -> {
            Path config = dir.resolve("nowhere.yaml");
            Files.writeString(config, """
                    aws: {region: us-east-1, endpoint: "http://127.0.0.1:%d", max-attempts: 2}
                    groups:
                      - name: web
                        source: {aws-asg: web-asg}
                        probes: [aws-instance]
                    """.formatted(closed));
            return config;
        }).compose(config -> audit(dir.resolve("out"), "--config", config.toString())).map(audit -> t.verify(() -> {
            assertThat(audit.code).as(audit.all()).isEqualTo(3);
            List<String> errors = audit.err.lines().filter(l -> l.startsWith("phoenix: group web")).toList();
            assertThat(errors).hasSize(1);
            assertThat(errors.get(0)).contains("cannot be reached").contains("127.0.0.1:" + closed).contains("DescribeAutoScalingGroups");
            assertThat(audit.err).doesNotContain("\tat ").doesNotContain("Exception:");
        })).onComplete(t.succeedingThenComplete());
    }

    @Test
    void unknownAutoScalingGroup_isAConfigurationError_namingTheLine(VertxTestContext t) {
        blocking(() -> {
            Path config = dir.resolve("missing.yaml");
            Files.writeString(config, """
                    aws: {region: us-east-1, endpoint: "%s"}
                    groups:
                      - name: web
                        source: {aws-asg: phoenix-no-such-group-%s}
                        probes: [aws-instance]
                    """.formatted(endpoint, HexFormat.of().toHexDigits(new Random().nextInt())));
            return config;
        }).compose(config -> audit(dir.resolve("out"), "--config", config.toString())).map(audit -> t.verify(() -> {
            assertThat(audit.code).as(audit.all()).isEqualTo(2);
            assertThat(audit.err).contains("missing.yaml:4:").contains("no Auto Scaling group named 'phoenix-no-such-group-");
        })).onComplete(t.succeedingThenComplete());
    }

    // ---- helpers

    /** One CLI run: exit code, console output, and the scorecard it wrote (null when none). */
    record Run(int code, String out, String err, JsonNode card) {
        String all() {
            return "exit " + code + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    record Seeded(String runId, Path config, String asg, String launchTemplate, String vpc, String subnet, String securityGroup,
                  String image, List<String> standalone) {
    }

    /** Blocking work (the CLI, files) on the CLI's worker pool; completes on the caller's context. */
    private static <T> Future<T> blocking(Callable<T> work) {
        return cli.executeBlocking(work, false);
    }

    private static Future<Run> phoenix(String... args) {
        return phoenix(Map.of(), null, args);
    }

    /** {@code phoenix audit --out OUT ARGS...}, with the scorecard it wrote. */
    private static Future<Run> audit(Path out, String... args) {
        return audit(out, Map.of(), args);
    }

    private static Future<Run> audit(Path out, Map<String, String> env, String... args) {
        List<String> all = new ArrayList<>(List.of("audit", "--out", out.toString()));
        all.addAll(List.of(args));
        return phoenix(env, out, all.toArray(String[]::new));
    }

    private static Future<Run> phoenix(Map<String, String> env, Path out, String... args) {
        return blocking(() -> {
            ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            ByteArrayOutputStream stderr = new ByteArrayOutputStream();
            int code = Main.run(args, new PrintStream(stdout, true, StandardCharsets.UTF_8),
                    new PrintStream(stderr, true, StandardCharsets.UTF_8), env, Clock.systemUTC());
            Path card = out == null ? null : out.resolve("scorecard.json");
            return new Run(code, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8),
                    card != null && Files.exists(card) ? JSON.readTree(card.toFile()) : null);
        });
    }

    private static Future<String> read(Path file) {
        return vertx.fileSystem().readFile(file.toString()).map(Buffer::toString);
    }

    private static String runId() {
        return "e2e-" + HexFormat.of().toHexDigits(new Random().nextInt());
    }

    /** Seeds a fleet of its own through the CLI and reads back what it created. */
    private Future<Seeded> seed(String chaosExtra) {
        String runId = runId();
        Path config = dir.resolve("phoenix.yaml");
        return phoenix("localstack", "seed", "--endpoint", endpoint, "--run-id", runId, "--config-out", config.toString())
                .compose(seeded -> {
                    if (seeded.code != 0) {
                        return Future.failedFuture(new AssertionError("seeding failed: " + seeded.all()));
                    }
                    return blocking(() -> {
                        if (!chaosExtra.isEmpty()) {
                            Files.writeString(config, Files.readString(config)
                                    .replace("chaos:\n  enabled: true\n", "chaos:\n  enabled: true\n" + chaosExtra));
                        }
                        return config;
                    });
                })
                .compose(c -> seeded(runId, config));
    }

    /** Seeds through the same seeder as the CLI (which has no option for extra tags), on this test's Vert.x. */
    private Future<Seeded> seedWithTags(Map<String, String> tags) {
        String runId = runId();
        Path config = dir.resolve("phoenix.yaml");
        return new FleetSeeder(aws.clients()).seed(FleetSeeder.Options.of(runId).withInstanceTags(tags))
                .compose(fleet -> vertx.fileSystem().writeFile(config.toString(), Buffer.buffer(fleet.config(endpoint))))
                .compose(v -> seeded(runId, config));
    }

    private Future<Seeded> seeded(String runId, Path config) {
        String asg = "phoenix-" + runId + "-web";
        return aws.group(asg).compose(group -> Future.all(aws.instance(group.instances().get(0).instanceId()),
                        aws.instancesTagged(Map.of("phoenix:run", runId, "role", "db")))
                .map(all -> {
                    software.amazon.awssdk.services.ec2.model.Instance member = all.resultAt(0);
                    List<String> standalone = all.resultAt(1);
                    return new Seeded(runId, config, asg, group.launchTemplate().launchTemplateId(), member.vpcId(),
                            member.subnetId(), member.securityGroups().get(0).groupId(), member.imageId(), standalone);
                }));
    }

    private static String provenance(Seeded fleet, long version) {
        return fleet.image + " " + fleet.launchTemplate + ":" + version;
    }

    /** The config with the web group's and the db group's probes replaced (blocking: on the CLI's pool). */
    private static Path withProbes(Path config, String webProbes, String dbProbes) throws Exception {
        String text = Files.readString(config);
        int web = text.indexOf("probes: [aws-instance]");
        int db = text.indexOf("probes: [aws-instance]", web + 1);
        String out = text.substring(0, web) + "probes: " + webProbes + text.substring(web + "probes: [aws-instance]".length(), db)
                + "probes: " + dbProbes + text.substring(db + "probes: [aws-instance]".length());
        Files.writeString(config, out);
        return config;
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

    private static JsonNode group(JsonNode card, String name) {
        for (JsonNode g : card.path("groups")) {
            if (g.path("name").asText().equals(name)) {
                return g;
            }
        }
        throw new AssertionError("no group " + name + " in " + card);
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
        if (card == null) {
            throw new AssertionError("no scorecard was written");
        }
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
