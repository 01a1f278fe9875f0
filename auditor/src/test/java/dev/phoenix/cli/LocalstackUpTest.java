package dev.phoenix.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phoenix.localstack.EmulatorImage;
import dev.phoenix.testing.Requirements;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's emulator walk-through, command by command and in-process: {@code phoenix localstack
 * up --image local --port 0} starts the locally built LocalStack substitute through Testcontainers
 * and prints its endpoint, {@code localstack seed} seeds the demo fleet into it, {@code audit
 * --chaos --unleash} audits it and replaces a member, and stopping the command stops the emulator.
 */
class LocalstackUpTest {

    private static final Pattern ENDPOINT = Pattern.compile("answers at (http://127\\.0\\.0\\.1:(\\d+))");

    @TempDir
    Path dir;

    @BeforeAll
    static void engine() {
        Requirements.docker();
        Requirements.dockerImage(EmulatorImage.LOCAL);
    }

    @Test
    void up_printsAnEndpointThatSeedAndAuditUse_andStopsTheEmulatorWhenStopped() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread up = new Thread(() -> exit.set(Main.run(new String[] {"localstack", "up", "--image", "local", "--port", "0"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                System.getenv(), Clock.systemUTC())), "localstack-up");
        up.start();
        String endpoint = null;
        int port = -1;
        try {
            long deadline = System.nanoTime() + 180_000_000_000L;
            while (endpoint == null && up.isAlive() && System.nanoTime() < deadline) {
                Matcher m = ENDPOINT.matcher(out.toString(StandardCharsets.UTF_8));
                if (m.find()) {
                    endpoint = m.group(1);
                    port = Integer.parseInt(m.group(2));
                } else {
                    Thread.sleep(200);
                }
            }
            assertThat(endpoint).as("endpoint line; out: %s err: %s", out, err).isNotNull();
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("starting phoenix/moto-localstack:latest on 127.0.0.1:" + port);

            Path config = dir.resolve("phoenix.yaml");
            Cli seeded = Cli.run("localstack", "seed", "--endpoint", endpoint, "--run-id", "up-test", "--config-out", config.toString());
            assertThat(seeded.exit()).as(seeded.err()).isZero();
            assertThat(Files.readString(config)).contains("endpoint: \"" + endpoint + "\"");

            Cli audit = Cli.run("audit", "--config", config.toString(), "--chaos", "--unleash", "--seed", "7");
            assertThat(audit.exit()).as(audit.out() + audit.err()).isZero();
            assertThat(audit.out()).contains("web").contains("db").contains("REPRODUCED");
            assertThat(dir.resolve("phoenix-reports-up-test/scorecard.json")).exists();
        } finally {
            up.interrupt();
            up.join(60_000);
        }
        assertThat(up.isAlive()).isFalse();
        assertThat(exit.get()).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Emulator stopped.");
        assertThat(listens(port)).as("something still listens on the emulator's port %d", port).isFalse();
    }

    @Test
    void portOutOfRange_isAUsageError_beforeAnyContainerStarts() {
        Cli cli = Cli.run(Map.of(), "localstack", "up", "--port", "70000");
        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.err()).contains("--port must be between 0 and 65535").doesNotContain("Exception");
    }

    private static boolean listens(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
