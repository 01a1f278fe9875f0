package dev.phoenix.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phoenix.spi.ProviderContext;
import dev.phoenix.spi.Sections;
import dev.phoenix.spi.Settings;
import dev.phoenix.stop.StopCondition;
import dev.phoenix.stop.StopConditionSpec;
import dev.phoenix.testing.Requirements;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The cloudwatch-alarm stop condition against CloudWatch alarms in the AWS emulator, their state set with SetAlarmState. */
@ExtendWith(VertxExtension.class)
class CloudWatchAlarmConditionTest {

    private static String endpoint;

    @BeforeAll
    static void emulator() {
        endpoint = Requirements.awsEmulator();
    }

    private static Sections aws() {
        return Sections.of(AwsSettings.parse(Settings.of("aws", Map.of("endpoint", endpoint, "region", "us-east-1")), Map.of()));
    }

    private static StopCondition condition(ProviderContext ctx, List<String> names) {
        return new CloudWatchAlarmCondition.Factory().create(new StopConditionSpec(Settings.of("chaos.stop-conditions[0].cloudwatch-alarm",
                Map.of("names", names)), aws()), ctx);
    }

    @Test
    void alarmInAlarm_tripsTheCondition_andOk_doesNot(Vertx vertx, VertxTestContext t) {
        ProviderContext ctx = ProviderContext.create(vertx, Clock.systemUTC(), 1, Map.of());
        // the operator's side, on the same JSON protocol
        AwsJson cloudWatch = AwsJson.cloudWatch(ctx, aws().get(AwsSettings.class));
        String name = "phoenix-test-5xx-" + UUID.randomUUID();
        StopCondition alarm = condition(ctx, List.of(name));
        cloudWatch.call("PutMetricAlarm", Map.of("AlarmName", name, "Namespace", "Phoenix/Test", "MetricName", "Errors",
                        "Statistic", "Sum", "Period", 60, "EvaluationPeriods", 1, "Threshold", 1.0,
                        "ComparisonOperator", "GreaterThanOrEqualToThreshold"))
                .compose(v -> cloudWatch.call("SetAlarmState", Map.of("AlarmName", name, "StateValue", "OK", "StateReason", "quiet")))
                .compose(v -> alarm.check())
                .compose(quiet -> {
                    t.verify(() -> assertThat(quiet).as("OK: chaos may go").isEmpty());
                    return cloudWatch.call("SetAlarmState", Map.of("AlarmName", name, "StateValue", "ALARM", "StateReason", "5xx above 1%"));
                })
                .compose(v -> alarm.check())
                .onComplete(t.succeeding(firing -> t.verify(() -> {
                    assertThat(firing).get(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                            .isEqualTo("CloudWatch alarm in ALARM: " + name + " (5xx above 1%)");
                    t.completeNow();
                })));
    }

    @Test
    void alarmThatDoesNotExist_cannotBeEvaluated_soChaosStops(Vertx vertx, VertxTestContext t) {
        ProviderContext ctx = ProviderContext.create(vertx, Clock.systemUTC(), 1, Map.of());
        condition(ctx, List.of("phoenix-no-such-alarm-" + UUID.randomUUID())).check().onComplete(t.failing(e -> t.verify(() -> {
            assertThat(e).hasMessageStartingWith("no CloudWatch alarm named phoenix-no-such-alarm-");
            t.completeNow();
        })));
    }
}
