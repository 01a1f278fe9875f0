package dev.phoenix.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.phoenix.spi.ProviderContext;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

class AwsClientsTest {

    private static AwsSettings settings(String region) {
        return new AwsSettings(region, Optional.of(URI.create("http://127.0.0.1:4566")), Optional.empty(), 3, Duration.ofSeconds(10));
    }

    @Test
    void clientsAreSharedPerSettings_andClosedWithVertx() {
        Vertx vertx = Vertx.vertx();
        ProviderContext ctx = ProviderContext.create(vertx, Clock.systemUTC(), 1, Map.of());
        AwsClients a = AwsClients.shared(ctx, settings("us-east-1"));
        assertThat(AwsClients.shared(ctx, settings("us-east-1"))).isSameAs(a);
        assertThat(AwsClients.shared(ctx, settings("eu-west-1"))).isNotSameAs(a);

        vertx.close().toCompletionStage().toCompletableFuture().join();

        assertThatThrownBy(() -> a.ec2().describeInstances().join()).as("a closed client refuses calls").isNotNull();
    }

    @Test
    void againstALoopbackEmulator_withoutKeys_theDummyKeyIsUsed() {
        AwsCredentials creds = AwsClients.credentials(settings("us-east-1"), Map.of()).resolveCredentials();
        assertThat(creds.accessKeyId()).isEqualTo("test");
        AwsCredentials given = AwsClients.credentials(settings("us-east-1"),
                Map.of("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE", "AWS_SECRET_ACCESS_KEY", "secret")).resolveCredentials();
        assertThat(given.accessKeyId()).isEqualTo("AKIAEXAMPLE");
    }
}
