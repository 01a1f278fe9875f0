package dev.phoenix.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.phoenix.aws.AwsClients;
import dev.phoenix.aws.AwsSettings;
import dev.phoenix.spi.ProviderContext;
import dev.phoenix.testing.Requirements;
import io.vertx.core.Vertx;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Testcontainers path behind {@code phoenix localstack up}: the locally built LocalStack
 * substitute (moto's server in a Debian root file system, .ci/setup.d/50-localstack-image.sh)
 * is started through Testcontainers' LocalStack module on a free loopback port, and the demo
 * fleet is seeded into it and discovered.
 */
class EmulatorLauncherTest {

    private static String image;

    @BeforeAll
    static void engine() {
        Requirements.docker();
        image = System.getenv().getOrDefault("PHOENIX_LOCALSTACK_IMAGE", EmulatorImage.LOCAL);
        Requirements.dockerImage(image);
    }

    @Test
    void localSubstituteImage_startsThroughTheLocalStackModule_andTakesASeededFleet() throws Exception {
        int port = EmulatorLauncher.freePort();
        List<String> logs = new ArrayList<>();
        String run = "launcher-" + HexFormat.of().toHexDigits(new Random().nextInt());
        EmulatorLauncher.Options options = EmulatorLauncher.Options.of(EmulatorImage.resolve(image), port)
                .withLabels(Map.of("dev.phoenix.test", run))
                .withLogs(line -> {
                    synchronized (logs) {
                        logs.add(line);
                    }
                });
        try (EmulatorLauncher.Emulator emulator = EmulatorLauncher.start(options)) {
            assertThat(emulator.endpoint().toString()).isEqualTo("http://127.0.0.1:" + port);
            synchronized (logs) {
                assertThat(logs).anyMatch(l -> l.contains("Ready."));
            }
            Vertx vertx = Vertx.vertx();
            try {
                ProviderContext ctx = ProviderContext.create(vertx, Clock.systemUTC(), 1, Map.of());
                AwsSettings settings = new AwsSettings("us-east-1", Optional.of(emulator.endpoint()), Optional.empty(), 2,
                        Duration.ofSeconds(30));
                FleetSeeder.SeededFleet fleet = vertx.getOrCreateContext().<Void>executeBlocking(() -> null)
                        .compose(v -> new FleetSeeder(AwsClients.shared(ctx, settings)).seed(FleetSeeder.Options.of(run)))
                        .toCompletionStage().toCompletableFuture().join();
                assertThat(fleet.autoScalingGroup()).isEqualTo("phoenix-" + run + "-web");
                assertThat(fleet.standalone()).hasSize(3);
                assertThat(fleet.config(emulator.endpoint().toString())).contains("endpoint: \"http://127.0.0.1:" + port + "\"");
            } finally {
                vertx.close().toCompletionStage().toCompletableFuture().join();
            }
        }
    }

    @Test
    void takenPort_isRefusedBeforeAnyContainerStarts() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            EmulatorLauncher.Options options = EmulatorLauncher.Options.of(EmulatorImage.resolve(image), taken.getLocalPort());
            assertThatThrownBy(() -> EmulatorLauncher.start(options))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("something already listens there");
        }
    }
}
