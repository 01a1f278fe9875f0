package dev.phoenix.aws;

import dev.phoenix.spi.ProviderContext;
import dev.phoenix.spi.Settings;
import dev.phoenix.stop.StopCondition;
import dev.phoenix.stop.StopConditionFactory;
import dev.phoenix.stop.StopConditionSpec;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Map;

/**
 * {@code {cloudwatch-alarm: {names: [web-5xx, db-lag]}}}: stops chaos while any named alarm is in
 * {@code ALARM} (as AWS FIS stop conditions do). An alarm that does not exist, or an account that
 * cannot be asked, stops it too: a condition that cannot be evaluated fails closed.
 */
final class CloudWatchAlarmCondition implements StopCondition {

    private final List<String> names;
    private final AwsSettings settings;
    private final ProviderContext ctx;

    CloudWatchAlarmCondition(List<String> names, AwsSettings settings, ProviderContext ctx) {
        this.names = List.copyOf(names);
        this.settings = settings;
        this.ctx = ctx;
    }

    @Override
    public String describe() {
        return "cloudwatch-alarm " + String.join(", ", names) + " (" + settings.describe() + ")";
    }

    @Override
    public Future<Optional<String>> check() {
        return AwsJson.cloudWatch(ctx, settings).call("DescribeAlarms", Map.of("AlarmNames", names, "AlarmTypes", List.of("MetricAlarm",
                        "CompositeAlarm")))
                .compose(resp -> {
                    List<JsonNode> alarms = new ArrayList<>();
                    resp.path("MetricAlarms").forEach(alarms::add);
                    resp.path("CompositeAlarms").forEach(alarms::add);
                    TreeSet<String> found = alarms.stream().map(a -> a.path("AlarmName").asText()).collect(Collectors.toCollection(TreeSet::new));
                    List<String> unknown = names.stream().filter(n -> !found.contains(n)).toList();
                    if (!unknown.isEmpty()) {
                        return Future.failedFuture("no CloudWatch alarm named " + String.join(", ", unknown) + " in " + settings.describe());
                    }
                    List<String> firing = alarms.stream().filter(a -> "ALARM".equals(a.path("StateValue").asText()))
                            .map(a -> a.path("AlarmName").asText() + (a.path("StateReason").asText("").isEmpty() ? ""
                                    : " (" + a.path("StateReason").asText() + ")"))
                            .sorted().toList();
                    return Future.succeededFuture(firing.isEmpty() ? Optional.<String>empty()
                            : Optional.of("CloudWatch alarm in ALARM: " + String.join("; ", firing)));
                });
    }

    /** Builds {@code cloudwatch-alarm} stop conditions. */
    public static final class Factory implements StopConditionFactory {

        static final List<String> KEYS = List.of("names");

        @Override
        public String name() {
            return "cloudwatch-alarm";
        }

        @Override
        public List<String> keys() {
            return KEYS;
        }

        @Override
        public StopCondition create(StopConditionSpec spec, ProviderContext ctx) {
            Settings s = spec.settings().requireKeys(KEYS);
            List<String> names = s.strings("names");
            if (names.isEmpty() || names.size() > 100) {
                throw (s.has("names") ? s.child("names") : s).error("name between 1 and 100 CloudWatch alarms, e.g. names: [web-5xx]");
            }
            return new CloudWatchAlarmCondition(names, spec.sections().get(AwsSettings.class), ctx);
        }
    }
}
