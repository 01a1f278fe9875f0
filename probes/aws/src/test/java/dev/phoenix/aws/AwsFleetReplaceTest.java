package dev.phoenix.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phoenix.model.Member;
import dev.phoenix.spi.ProviderContext;
import dev.phoenix.testing.Requirements;
import dev.phoenix.testing.MutableClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * What {@link AwsFleet#replace} does to an account, call by call: the fleet talks to the AWS
 * emulator (moto's server on 127.0.0.1:4566) through a {@link RecordingAwsProxy}, which records
 * the order of the calls and can make one fail. Each test seeds resources of its own.
 */
@ExtendWith(VertxExtension.class)
class AwsFleetReplaceTest {

    private static URI emulator;

    @BeforeAll
    static void requireEmulator() {
        emulator = URI.create(Requirements.awsEmulator());
    }

    @Test
    void standaloneImmutableInstance_isRelaunchedFirst_andTerminatedOnlyOnceTheNewOneRuns(Vertx vertx, VertxTestContext t) {
        ProviderContext ctx = ProviderContext.create(vertx, Clock.systemUTC(), 1, Map.of());
        String run = runId();
        Future.all(seedStandalone(ctx, run), RecordingAwsProxy.start(vertx, emulator)).compose(all -> {
                    String victimId = all.resultAt(0);
                    RecordingAwsProxy proxy = all.resultAt(1);
                    AwsFleet fleet = standaloneFleet(ctx, run, proxy);
                    return fleet.discover()
                            .compose(members -> fleet.replace(only(members, victimId), Duration.ofMinutes(1)))
                            .compose(replacement -> describe(ctx, victimId, replacement.id()).map(states -> {
                                t.verify(() -> {
                                    List<String> actions = proxy.actions();
                                    assertThat(actions.stream().filter(a -> a.equals("RunInstances") || a.equals("TerminateInstances")))
                                            .containsExactly("RunInstances", "TerminateInstances");
                                    int launched = actions.indexOf("RunInstances");
                                    int terminated = actions.indexOf("TerminateInstances");
                                    assertThat(actions.subList(launched, terminated)).as("waited until the new one runs")
                                            .contains("DescribeInstances");
                                    assertThat(proxy.calls("TerminateInstances").get(0).params()).containsEntry("InstanceId.1", victimId);
                                    assertThat(states).containsEntry(victimId, InstanceStateName.TERMINATED)
                                            .containsEntry(replacement.id(), InstanceStateName.RUNNING);
                                    assertThat(replacement.attribute("tag:phoenix:run")).isEqualTo(run);
                                });
                                return proxy;
                            }));
                })
                .compose(RecordingAwsProxy::close)
                .onComplete(t.succeedingThenComplete());
    }

    @Test
    void relaunchThatCannotLaunch_leavesTheVictimRunning(Vertx vertx, VertxTestContext t) {
        ProviderContext ctx = ProviderContext.create(vertx, Clock.systemUTC(), 1, Map.of());
        String run = runId();
        Future.all(seedStandalone(ctx, run), RecordingAwsProxy.start(vertx, emulator)).compose(all -> {
                    String victimId = all.resultAt(0);
                    RecordingAwsProxy proxy = all.resultAt(1);
                    proxy.fail("RunInstances", "InstanceLimitExceeded", "You have requested more instances than your current limit");
                    AwsFleet fleet = standaloneFleet(ctx, run, proxy);
                    return fleet.discover()
                            .compose(members -> fleet.replace(only(members, victimId), Duration.ofMinutes(1)))
                            .transform(ar -> {
                                t.verify(() -> {
                                    assertThat(ar.failed()).as("the replace fails").isTrue();
                                    assertThat(ar.cause()).hasMessageContaining("RunInstances").hasMessageContaining("InstanceLimitExceeded")
                                            .hasMessageContaining(victimId + " is untouched");
                                    assertThat(proxy.actions()).doesNotContain("TerminateInstances");
                                });
                                return describe(ctx, victimId);
                            })
                            .map(states -> {
                                t.verify(() -> assertThat(states).containsEntry(victimId, InstanceStateName.RUNNING));
                                return proxy;
                            });
                })
                .compose(RecordingAwsProxy::close)
                .onComplete(t.succeedingThenComplete());
    }

    @Test
    void relaunchWhoseDeadlinePassesWhileTheNewInstanceStarts_terminatesOnlyTheNewInstance(Vertx vertx, VertxTestContext t) {
        // readings: at the start (deadline +30 s), before launching (+20 s: in time), before terminating (+40 s: too late)
        ProviderContext slow = ProviderContext.create(vertx, new MutableClock(Instant.parse("2026-01-01T00:00:00Z"),
                Duration.ofSeconds(20)), 1, Map.of());
        ProviderContext ctx = ProviderContext.create(vertx, Clock.systemUTC(), 1, Map.of());
        String run = runId();
        Future.all(seedStandalone(ctx, run), RecordingAwsProxy.start(vertx, emulator)).compose(all -> {
                    String victimId = all.resultAt(0);
                    RecordingAwsProxy proxy = all.resultAt(1);
                    AwsFleet fleet = standaloneFleet(slow, run, proxy);
                    return fleet.discover()
                            .compose(members -> fleet.replace(only(members, victimId), Duration.ofSeconds(30)))
                            .transform(ar -> {
                                List<RecordingAwsProxy.Call> terminations = proxy.calls("TerminateInstances");
                                String fresh = terminations.isEmpty() ? "none" : terminations.get(0).params().get("InstanceId.1");
                                t.verify(() -> {
                                    assertThat(ar.failed()).as("the replace fails").isTrue();
                                    assertThat(ar.cause()).hasMessageContaining("deadline")
                                            .hasMessageContaining(victimId + " is untouched").hasMessageContaining("terminated again");
                                    assertThat(terminations).hasSize(1);
                                    assertThat(fresh).isNotEqualTo(victimId);
                                });
                                return describe(ctx, victimId, fresh);
                            })
                            .map(states -> {
                                t.verify(() -> assertThat(states).containsEntry(victimId, InstanceStateName.RUNNING)
                                        .containsValue(InstanceStateName.TERMINATED).hasSize(2));
                                return proxy;
                            });
                })
                .compose(RecordingAwsProxy::close)
                .onComplete(t.succeedingThenComplete());
    }

    @Test
    void autoScalingMember_isTerminatedWithoutDecrementingDesiredCapacity_andItsReplacementIsReturned(Vertx vertx,
                                                                                                       VertxTestContext t) {
        ProviderContext ctx = ProviderContext.create(vertx, Clock.systemUTC(), 1, Map.of());
        String run = runId();
        String group = "phoenix-" + run + "-web";
        Future.all(seedGroup(ctx, run, group), RecordingAwsProxy.start(vertx, emulator)).compose(all -> {
                    RecordingAwsProxy proxy = all.resultAt(1);
                    AwsFleet fleet = ProxiedFleets.autoScaling(ctx, group, proxy.endpoint());
                    return fleet.discover().compose(members -> {
                        Member victim = members.get(0);
                        return fleet.replace(victim, Duration.ofMinutes(1)).compose(replacement -> {
                            t.verify(() -> {
                                List<RecordingAwsProxy.Call> terminations = proxy.calls("TerminateInstanceInAutoScalingGroup");
                                assertThat(terminations).singleElement().satisfies(c -> assertThat(c.params())
                                        .containsEntry("InstanceId", victim.id())
                                        .containsEntry("ShouldDecrementDesiredCapacity", "false"));
                                assertThat(proxy.actions()).doesNotContain("TerminateInstances", "SetDesiredCapacity", "UpdateAutoScalingGroup");
                                assertThat(replacement.id()).isNotIn(members.stream().map(Member::id).toList());
                                assertThat(replacement.attribute("autoScalingGroup")).isEqualTo(group);
                            });
                            AwsClients aws = AwsClients.shared(ctx, settings(emulator));
                            return aws.call(c -> c.autoScaling().describeAutoScalingGroups(r -> r.autoScalingGroupNames(group)))
                                    .compose(groups -> describe(ctx, victim.id()).map(states -> {
                                        t.verify(() -> {
                                            var g = groups.autoScalingGroups().get(0);
                                            assertThat(g.desiredCapacity()).as("desired capacity kept").isEqualTo(2);
                                            assertThat(g.instances()).extracting(i -> i.instanceId())
                                                    .contains(replacement.id()).doesNotContain(victim.id());
                                            assertThat(states.get(victim.id())).isIn(InstanceStateName.TERMINATED,
                                                    InstanceStateName.SHUTTING_DOWN);
                                        });
                                        return proxy;
                                    }));
                        });
                    });
                })
                .compose(RecordingAwsProxy::close)
                .onComplete(t.succeedingThenComplete());
    }

    @Test
    void autoScalingReplaceWhoseDeadlinePassedBeforeTheTermination_terminatesNothing(Vertx vertx, VertxTestContext t) {
        // every reading of the clock is a minute later: by the time the group is described, a 30 s replace is over
        ProviderContext slow = ProviderContext.create(vertx, new MutableClock(Instant.parse("2026-01-01T00:00:00Z"),
                Duration.ofMinutes(1)), 1, Map.of());
        ProviderContext ctx = ProviderContext.create(vertx, Clock.systemUTC(), 1, Map.of());
        String run = runId();
        String group = "phoenix-" + run + "-web";
        Future.all(seedGroup(ctx, run, group), RecordingAwsProxy.start(vertx, emulator)).compose(all -> {
                    RecordingAwsProxy proxy = all.resultAt(1);
                    AwsFleet fleet = ProxiedFleets.autoScaling(slow, group, proxy.endpoint());
                    return fleet.discover().compose(members -> {
                        t.verify(() -> assertThat(members).hasSize(2));
                        Member victim = members.get(0);
                        return fleet.replace(victim, Duration.ofSeconds(30))
                                .transform(ar -> {
                                    t.verify(() -> {
                                        assertThat(ar.failed()).as("the replace fails").isTrue();
                                        assertThat(ar.cause()).hasMessageStartingWith("not terminating " + victim.id())
                                                .hasMessageContaining("deadline passed");
                                        assertThat(proxy.actions()).doesNotContain("TerminateInstanceInAutoScalingGroup",
                                                "TerminateInstances");
                                    });
                                    return describe(ctx, members.get(0).id(), members.get(1).id());
                                })
                                .map(states -> {
                                    t.verify(() -> assertThat(states.values()).containsOnly(InstanceStateName.RUNNING));
                                    return proxy;
                                });
                    });
                })
                .compose(RecordingAwsProxy::close)
                .onComplete(t.succeedingThenComplete());
    }

    // ---- helpers

    private static String runId() {
        return ProxiedFleets.runId("replace");
    }

    private static AwsSettings settings(URI endpoint) {
        return ProxiedFleets.settings(endpoint, 1);
    }

    private static AwsFleet standaloneFleet(ProviderContext ctx, String run, RecordingAwsProxy proxy) {
        return ProxiedFleets.standalone(ctx, run, proxy.endpoint(), 1);
    }

    private static Member only(List<Member> members, String id) {
        assertThat(members).extracting(Member::id).containsExactly(id);
        return members.get(0);
    }

    /** A launch template, and one immutable instance launched from it; the instance's id. */
    private static Future<String> seedStandalone(ProviderContext ctx, String run) {
        AwsClients aws = AwsClients.shared(ctx, settings(emulator));
        return template(aws, run).compose(template -> aws.call(c -> c.ec2().runInstances(r -> r
                        .launchTemplate(lt -> lt.launchTemplateId(template).version("1")).minCount(1).maxCount(1)
                        .tagSpecifications(s -> s.resourceType(ResourceType.INSTANCE)
                                .tags(tag("phoenix:run", run), tag("phoenix:mutability", "immutable"))))))
                .map(r -> r.instances().get(0).instanceId());
    }

    /** A launch template and an Auto Scaling group of two instances launched from it. */
    private static Future<Void> seedGroup(ProviderContext ctx, String run, String group) {
        AwsClients aws = AwsClients.shared(ctx, settings(emulator));
        return template(aws, run).compose(template -> aws.call(c -> c.autoScaling().createAutoScalingGroup(r -> r
                        .autoScalingGroupName(group).launchTemplate(lt -> lt.launchTemplateId(template).version("1"))
                        .minSize(2).maxSize(2).desiredCapacity(2).availabilityZones("us-east-1a"))))
                .mapEmpty();
    }

    private static Future<String> template(AwsClients aws, String run) {
        return ProxiedFleets.amazonImage(aws)
                .compose(image -> aws.call(c -> c.ec2().createLaunchTemplate(r -> r.launchTemplateName("phoenix-" + run)
                        .launchTemplateData(d -> d.imageId(image).instanceType("t3.micro")))))
                .map(r -> r.launchTemplate().launchTemplateId());
    }

    /** Instance id to state, straight from the emulator. */
    private static Future<Map<String, InstanceStateName>> describe(ProviderContext ctx, String... ids) {
        AwsClients aws = AwsClients.shared(ctx, settings(emulator));
        return aws.call(c -> c.ec2().describeInstances(r -> r.instanceIds(ids)))
                .map(resp -> {
                    Map<String, InstanceStateName> states = new java.util.TreeMap<>();
                    resp.reservations().forEach(res -> res.instances().forEach(i -> states.put(i.instanceId(), i.state().name())));
                    return states;
                });
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }
}
