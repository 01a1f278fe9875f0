package dev.phoenix.cli;

import dev.phoenix.fleet.Fleet;
import dev.phoenix.localstack.EmulatorImage;
import dev.phoenix.localstack.EmulatorLauncher;
import dev.phoenix.localstack.FleetSeeder;
import dev.phoenix.spi.ConfigException;
import dev.phoenix.spi.ProviderContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code phoenix localstack up|seed}: run a LocalStack-compatible emulator, or seed a demo fleet into one. */
@Command(name = "localstack", mixinStandardHelpOptions = true,
        description = "Run a LocalStack-compatible AWS emulator, or seed the demo hybrid fleet into one.",
        subcommands = {LocalstackCommand.Up.class, LocalstackCommand.Seed.class})
final class LocalstackCommand implements Callable<Integer> {

    @ParentCommand
    PhoenixCommand parent;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(parent.app.err);
        return ExitCode.USAGE;
    }

    /** {@code phoenix localstack up}. */
    @Command(name = "up", mixinStandardHelpOptions = true,
            description = {"Start a LocalStack-compatible emulator with Testcontainers and print its endpoint.",
                    "Runs on host networking in the foreground and stops the emulator when interrupted (Ctrl-C). Needs a "
                            + "Docker engine. Without a bridge network or registry access, set TESTCONTAINERS_RYUK_DISABLED=true "
                            + "TESTCONTAINERS_CHECKS_DISABLE=true TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1."})
    static final class Up implements Callable<Integer> {

        @ParentCommand
        LocalstackCommand parent;

        @Option(names = "--image", paramLabel = "IMAGE", defaultValue = "localstack",
                description = {"A preset or an image reference (default: ${DEFAULT-VALUE}). Presets: " + "localstack, floci, ministack, local.",
                        "LOCALSTACK_AUTH_TOKEN from the environment is passed on."})
        String image;

        @Option(names = "--port", paramLabel = "N", defaultValue = "4566",
                description = "Port on 127.0.0.1 the emulator listens on (default: ${DEFAULT-VALUE}; 0 picks a free one).")
        int port;

        @Override
        public Integer call() throws Exception {
            App app = parent.parent.app;
            if (port < 0 || port > 65535) {
                app.err.println("phoenix: --port must be between 0 and 65535");
                return ExitCode.USAGE;
            }
            int listen = port == 0 ? EmulatorLauncher.freePort() : port;
            EmulatorImage emulatorImage = EmulatorImage.resolve(image);
            Map<String, String> env = new java.util.LinkedHashMap<>();
            Optional.ofNullable(app.env.get("LOCALSTACK_AUTH_TOKEN")).filter(t -> !t.isBlank())
                    .ifPresent(t -> env.put("LOCALSTACK_AUTH_TOKEN", t));
            app.err.println("phoenix: starting " + emulatorImage.image() + " on 127.0.0.1:" + listen + " ...");
            EmulatorLauncher.Emulator emulator;
            try {
                emulator = EmulatorLauncher.start(EmulatorLauncher.Options.of(emulatorImage, listen).withEnv(env)
                        .withLabels(Map.of("dev.phoenix.command", "localstack-up")));
            } catch (IllegalStateException e) {
                app.err.println("phoenix: " + e.getMessage());
                if (app.env.get("TESTCONTAINERS_RYUK_DISABLED") == null || app.env.get("TESTCONTAINERS_HOST_OVERRIDE") == null) {
                    app.err.println("phoenix: hint: on a Docker engine without a bridge network or registry access, set "
                            + "TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_CHECKS_DISABLE=true TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1");
                }
                return ExitCode.UNREACHABLE;
            }
            CountDownLatch stopped = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                emulator.close();
                stopped.countDown();
            }, "phoenix-emulator-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            app.out.println("Emulator " + emulator.image() + " answers at " + emulator.endpoint() + " (container "
                    + emulator.containerId().substring(0, 12) + ").");
            app.out.println("Seed it:  phoenix localstack seed --endpoint " + emulator.endpoint());
            app.out.println("Stop it:  Ctrl-C");
            app.out.flush();
            try {
                stopped.await();
            } catch (InterruptedException e) {
                // stopped from inside the process (a caller running the CLI in-process): stop it now,
                // unless the JVM is already shutting down and the hook does it
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                    emulator.close();
                } catch (IllegalStateException shuttingDown) {
                    // the hook is closing it
                }
                Thread.currentThread().interrupt();
            }
            app.out.println("Emulator stopped.");
            return ExitCode.OK;
        }
    }

    /** {@code phoenix localstack seed}. */
    @Command(name = "seed", mixinStandardHelpOptions = true,
            description = {"Create the demo hybrid fleet at a LocalStack-compatible endpoint and write a ready-to-run config.",
                    "The fleet: a VPC, a subnet, a security group, a launch template, an Auto Scaling group of opted-in "
                            + "immutable instances and a few mutable standalone instances, each tagged phoenix:run=<run id>."})
    static final class Seed implements Callable<Integer> {

        @ParentCommand
        LocalstackCommand parent;

        @Option(names = "--endpoint", paramLabel = "URL", description = "The emulator's endpoint (default: AWS_ENDPOINT_URL, "
                + "else http://127.0.0.1:4566).")
        String endpoint;

        @Option(names = "--region", paramLabel = "REGION", description = "Region (default: AWS_REGION, else AWS_DEFAULT_REGION, "
                + "else us-east-1).")
        String region;

        @Option(names = "--config-out", paramLabel = "FILE", description = "Where to write the config (default: phoenix-<run id>.yaml).")
        Path configOut;

        @Option(names = "--run-id", paramLabel = "ID", description = "Names and tags the resources (default: random).")
        String runId;

        @Option(names = "--members", paramLabel = "N", defaultValue = "3",
                description = "Members of the Auto Scaling group (default: ${DEFAULT-VALUE}).")
        int members;

        @Option(names = "--standalone", paramLabel = "N", defaultValue = "3",
                description = "Mutable standalone instances (default: ${DEFAULT-VALUE}).")
        int standalone;

        @Option(names = "--image-id", paramLabel = "AMI", description = "AMI to launch (default: the first one owned by amazon).")
        String imageId;

        @Option(names = "--account", paramLabel = "ID", description = "Seed into this account, by assuming its role "
                + "arn:aws:iam::<ID>:role/PhoenixAudit (the emulator keeps accounts apart; default: the credentials' own).")
        String account;

        @Override
        public Integer call() throws Exception {
            App app = parent.parent.app;
            ProviderContext ctx = app.providerContext(App.randomSeed(), true);
            FleetSeeder seeder;
            try {
                seeder = FleetSeeder.forEmulator(ctx, endpoint, region, account);
            } catch (ConfigException e) {
                app.err.println("phoenix: " + (e.path().startsWith("aws.") ? "--" + e.path().substring(4) : e.path()) + ": "
                        + e.getMessage());
                return ExitCode.USAGE;
            }
            URI uri = seeder.endpoint();
            String reg = seeder.region();
            if (members < 1 || members > 100 || standalone < 0 || standalone > 100) {
                app.err.println("phoenix: --members must be 1-100 and --standalone 0-100");
                return ExitCode.USAGE;
            }
            String id = runId != null ? runId : HexFormat.of().toHexDigits(App.randomSeed()).substring(4, 12);
            FleetSeeder.Options options;
            try {
                options = new FleetSeeder.Options(id, members, standalone, imageId, Map.of());
            } catch (IllegalArgumentException e) {
                app.err.println("phoenix: --run-id: " + e.getMessage());
                return ExitCode.USAGE;
            }
            FleetSeeder.SeededFleet fleet;
            try {
                fleet = App.await(ctx.onEventLoop(() -> seeder.seed(options)));
            } catch (Fleet.UnreachableException e) {
                app.err.println("phoenix: " + e.getMessage());
                return ExitCode.UNREACHABLE;
            } catch (IllegalStateException | dev.phoenix.aws.AssumeRoleException e) {
                app.err.println("phoenix: seeding failed: " + e.getMessage());
                return ExitCode.UNREACHABLE;
            }
            Path out = configOut != null ? configOut : Path.of("phoenix-" + id + ".yaml");
            Path parentDir = out.toAbsolutePath().getParent();
            if (parentDir != null) {
                Files.createDirectories(parentDir);
            }
            Files.writeString(out, fleet.config(uri.toString()), StandardCharsets.UTF_8);
            app.out.printf("Seeded run %s in %s%s at %s:%n", id, account == null ? "" : "account " + account + " ", reg, uri);
            app.out.printf("  VPC %s, subnet %s, security group %s, AMI %s%n", fleet.vpcId(), fleet.subnetId(),
                    fleet.securityGroupId(), fleet.imageId());
            app.out.printf("  group web: Auto Scaling group %s (%d members, launch template %s, tag phoenix:chaos=opt-in)%n",
                    fleet.autoScalingGroup(), members, fleet.launchTemplateId());
            app.out.printf("  group db:  %d standalone instances %s%n", fleet.standalone().size(), fleet.standalone());
            app.out.printf("Config written to %s%n", out);
            app.out.printf("Next: phoenix audit --config %s --chaos --unleash%n", out);
            return ExitCode.OK;
        }
    }
}
