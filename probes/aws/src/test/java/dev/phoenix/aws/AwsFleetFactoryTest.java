package dev.phoenix.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.phoenix.fleet.FleetSpec;
import dev.phoenix.spi.ConfigException;
import dev.phoenix.spi.ProviderContext;
import dev.phoenix.spi.Sections;
import dev.phoenix.spi.Settings;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Validation of the {@code aws-asg} and {@code aws-ec2} sources; no request is sent when a fleet is built. */
class AwsFleetFactoryTest {

    private static Vertx vertx;
    private static ProviderContext ctx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        ctx = ProviderContext.create(vertx, Clock.systemUTC(), 1, Map.of());
    }

    @AfterAll
    static void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private static FleetSpec spec(Object source) {
        return FleetSpec.of("web", Settings.of("groups[0].source.x", source), Optional.empty(),
                Sections.load(Settings.of("", Map.of("aws", Map.of("endpoint", "http://127.0.0.1:4566"))), Map.of()));
    }

    @Test
    void autoScalingGroup_byBareName_orByMap() {
        assertThat(new AwsAsgFleetFactory().create(spec("web-asg"), ctx).provider()).isEqualTo("aws");
        assertThat(new AwsAsgFleetFactory().create(spec(Map.of("name", "web-asg", "states", List.of("running", "stopped"))), ctx)
                .targetProvenance()).isEmpty();
    }

    @Test
    void autoScalingGroup_unknownKeyAndState_areConfigErrors() {
        assertThatThrownBy(() -> new AwsAsgFleetFactory().create(spec(Map.of("nmae", "web-asg")), ctx))
                .isInstanceOf(ConfigException.class).hasMessageContaining("did you mean 'name'");
        assertThatThrownBy(() -> new AwsAsgFleetFactory().create(spec(Map.of("name", "web", "states", List.of("runing"))), ctx))
                .isInstanceOf(ConfigException.class).hasMessageContaining("did you mean 'running'");
    }

    @Test
    void ec2Source_needsTagsOrIds_andIdsMustLookLikeInstanceIds() {
        assertThatThrownBy(() -> new AwsEc2FleetFactory().create(spec(Map.of("states", List.of("running"))), ctx))
                .isInstanceOf(ConfigException.class).hasMessageContaining("needs 'tags' or 'ids'");
        assertThatThrownBy(() -> new AwsEc2FleetFactory().create(spec(Map.of("ids", List.of("web-1"))), ctx))
                .isInstanceOf(ConfigException.class).hasMessageContaining("expected instance ids");
        assertThatThrownBy(() -> new AwsEc2FleetFactory().create(spec("db"), ctx))
                .isInstanceOf(ConfigException.class).hasMessageContaining("expected a map");
        assertThat(new AwsEc2FleetFactory().create(spec(Map.of("tags", Map.of("role", "db"))), ctx).provider()).isEqualTo("aws");
    }
}
