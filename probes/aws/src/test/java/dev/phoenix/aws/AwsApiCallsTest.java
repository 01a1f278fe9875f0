package dev.phoenix.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phoenix.model.Member;
import dev.phoenix.spi.ProviderContext;
import dev.phoenix.testing.Requirements;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * How the AWS fleet talks to the API, against the emulator (moto's server on 127.0.0.1:4566)
 * through a {@link RecordingAwsProxy} that records each call and can answer with an error:
 * discovery follows every page, throttling and 5xx answers are retried, and a call that keeps
 * failing gives up after {@code aws.max-attempts} with the service's error code.
 */
@ExtendWith(VertxExtension.class)
class AwsApiCallsTest {

    private static URI emulator;

    @BeforeAll
    static void requireEmulator() {
        emulator = URI.create(Requirements.awsEmulator());
    }

    @Test
    void discovery_followsEveryPage(Vertx vertx, VertxTestContext t) {
        ProviderContext ctx = ProviderContext.create(vertx, Clock.systemUTC(), 1, Map.of());
        String run = runId();
        Future.all(seed(ctx, run, 7), RecordingAwsProxy.start(vertx, emulator)).compose(all -> {
                    List<String> seeded = all.resultAt(0);
                    RecordingAwsProxy proxy = all.resultAt(1);
                    return fleet(ctx, run, proxy, 3).pageSize(5).discover().map(members -> {
                        t.verify(() -> {
                            assertThat(members).extracting(Member::id).containsExactlyInAnyOrderElementsOf(seeded);
                            List<RecordingAwsProxy.Call> pages = proxy.calls("DescribeInstances");
                            assertThat(pages).as("two pages of at most 5").hasSize(2);
                            assertThat(pages.get(0).params()).containsEntry("MaxResults", "5").doesNotContainKey("NextToken");
                            assertThat(pages.get(1).params()).containsKey("NextToken");
                        });
                        return proxy;
                    });
                })
                .compose(RecordingAwsProxy::close)
                .onComplete(t.succeedingThenComplete());
    }

    @Test
    void throttlingAndServiceUnavailable_areRetried(Vertx vertx, VertxTestContext t) {
        ProviderContext ctx = ProviderContext.create(vertx, Clock.systemUTC(), 1, Map.of());
        String run = runId();
        Future.all(seed(ctx, run, 2), RecordingAwsProxy.start(vertx, emulator)).compose(all -> {
                    List<String> seeded = all.resultAt(0);
                    RecordingAwsProxy proxy = all.resultAt(1);
                    proxy.failNext("DescribeInstances", 400, "RequestLimitExceeded", "Request limit exceeded.");
                    proxy.failNext("DescribeInstances", 503, "Unavailable", "The server is overloaded.");
                    return fleet(ctx, run, proxy, 3).discover().map(members -> {
                        t.verify(() -> {
                            assertThat(members).extracting(Member::id).containsExactlyInAnyOrderElementsOf(seeded);
                            assertThat(proxy.actions()).as("two failed attempts, then the answer")
                                    .containsExactly("DescribeInstances", "DescribeInstances", "DescribeInstances");
                        });
                        return proxy;
                    });
                })
                .compose(RecordingAwsProxy::close)
                .onComplete(t.succeedingThenComplete());
    }

    @Test
    void serviceThatKeepsFailing_givesUpAfterMaxAttempts_withTheErrorCode(Vertx vertx, VertxTestContext t) {
        ProviderContext ctx = ProviderContext.create(vertx, Clock.systemUTC(), 1, Map.of());
        String run = runId();
        Future.all(seed(ctx, run, 1), RecordingAwsProxy.start(vertx, emulator)).compose(all -> {
                    RecordingAwsProxy proxy = all.resultAt(1);
                    for (int i = 0; i < 10; i++) {
                        proxy.failNext("DescribeInstances", 503, "Unavailable", "The server is overloaded.");
                    }
                    return fleet(ctx, run, proxy, 3).discover().transform(ar -> {
                        t.verify(() -> {
                            assertThat(ar.failed()).as("discovery fails").isTrue();
                            assertThat(ar.cause()).hasMessageContaining("DescribeInstances").hasMessageContaining("Unavailable");
                            assertThat(proxy.actions()).as("aws.max-attempts: 3").hasSize(3);
                        });
                        return Future.succeededFuture(proxy);
                    });
                })
                .compose(RecordingAwsProxy::close)
                .onComplete(t.succeedingThenComplete());
    }

    @Test
    void aVolumeThatCannotBeDescribed_failsTheObservation_andIsNeverAFact(Vertx vertx, VertxTestContext t) {
        ProviderContext ctx = ProviderContext.create(vertx, Clock.systemUTC(), 1, Map.of());
        String run = runId();
        Future.all(seed(ctx, run, 1), RecordingAwsProxy.start(vertx, emulator)).compose(all -> {
                    RecordingAwsProxy proxy = all.resultAt(1);
                    AwsInstanceProbe probe = new AwsInstanceProbe(new AwsInstanceProbe.Options(false, true,
                            dev.phoenix.model.FactFilter.of(List.of()), 5), ProxiedFleets.settings(proxy.endpoint(), 1), ctx);
                    return fleet(ctx, run, proxy, 1).discover().compose(members -> probe.observe(members.get(0)).compose(clean -> {
                        t.verify(() -> assertThat(clean.succeeded()).as("volumes described: " + clean).isTrue());
                        proxy.fail("DescribeVolumes", "RequestLimitExceeded", "Request limit exceeded.");
                        return new AwsInstanceProbe(new AwsInstanceProbe.Options(false, true, dev.phoenix.model.FactFilter.of(List.of()), 5),
                                ProxiedFleets.settings(proxy.endpoint(), 1), ctx).observe(members.get(0));
                    })).map(throttled -> {
                        t.verify(() -> {
                            assertThat(throttled.succeeded()).as("a volume Phoenix could not read fails the probe: " + throttled).isFalse();
                            assertThat(throttled.error().cause()).contains("DescribeVolumes").contains("RequestLimitExceeded");
                            assertThat(throttled.facts()).as("no fact, least of all 'unknown'").isEmpty();
                        });
                        return proxy;
                    });
                })
                .compose(RecordingAwsProxy::close)
                .onComplete(t.succeedingThenComplete());
    }

    // ---- helpers

    private static String runId() {
        return ProxiedFleets.runId("calls");
    }

    private static AwsFleet fleet(ProviderContext ctx, String run, RecordingAwsProxy proxy, int maxAttempts) {
        return ProxiedFleets.standalone(ctx, run, proxy.endpoint(), maxAttempts);
    }

    /**
     * {@code count} standalone instances tagged with the run, straight on the emulator, each
     * launched on its own (moto pages by reservation); their ids.
     */
    private static Future<List<String>> seed(ProviderContext ctx, String run, int count) {
        AwsClients aws = AwsClients.shared(ctx, ProxiedFleets.settings(emulator, 1));
        return ProxiedFleets.amazonImage(aws).compose(image -> {
            Future<List<String>> ids = Future.succeededFuture(List.of());
            for (int i = 0; i < count; i++) {
                ids = ids.compose(acc -> aws.call(c -> c.ec2().runInstances(r -> r.imageId(image).instanceType("t3.micro")
                                .minCount(1).maxCount(1).tagSpecifications(s -> s.resourceType(ResourceType.INSTANCE)
                                        .tags(Tag.builder().key("phoenix:run").value(run).build()))))
                        .map(r -> Stream.concat(acc.stream(), Stream.of(r.instances().get(0).instanceId())).toList()));
            }
            return ids;
        });
    }
}
