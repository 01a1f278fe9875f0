package dev.phoenix.cli;

import dev.phoenix.fleet.FleetSpec;
import dev.phoenix.io.AtomicFiles;
import dev.phoenix.simulated.SimulatedFleet;
import dev.phoenix.simulated.SimulatedFleetFactory;
import dev.phoenix.spi.ProviderContext;
import dev.phoenix.spi.Sections;
import dev.phoenix.spi.Settings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code phoenix simulate}: runs a simulated fleet in the foreground for tests and benchmarks,
 * and writes a Phoenix config for it plus the plain list of its members' state URLs, so that
 * any HTTP client can be measured against the same fleet.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Run a simulated fleet in the foreground for tests and benchmarks.",
                "Writes a config that audits it and the list of its members' state URLs."})
final class SimulateCommand implements Callable<Integer> {

    @picocli.CommandLine.ParentCommand
    PhoenixCommand parent;

    @Option(names = "--members", required = true, paramLabel = "N", description = "How many members.")
    int members;

    @Option(names = "--config-out", paramLabel = "FILE", description = "Write a Phoenix config auditing the fleet here.")
    Path configOut;

    @Option(names = "--urls-out", paramLabel = "FILE", description = "Write the members' state URLs here, one per line.")
    Path urlsOut;

    @Option(names = "--per-listener", paramLabel = "K",
            description = "Members per HTTP listener (default: 1 up to 10,000 members, then enough for at most 400 listeners).")
    Integer perListener;

    @Option(names = "--kind", defaultValue = "host", description = "instance, container or host (default: ${DEFAULT-VALUE}).")
    String kind;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        App app = parent.app;
        if (members < 1 || members > 1_000_000) {
            app.err.println("phoenix: --members must be between 1 and 1000000");
            return ExitCode.USAGE;
        }
        int per = perListener != null ? perListener : members <= 10_000 ? 1 : (members + 399) / 400;
        ProviderContext ctx = app.providerContext(seed, true);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("members", members);
        settings.put("kind", kind);
        settings.put("image", "app");
        settings.put("per-listener", per);
        SimulatedFleet fleet = (SimulatedFleet) new SimulatedFleetFactory().create(FleetSpec.of("sim",
                Settings.of("simulate", settings), Optional.empty(), Sections.none()), ctx);
        long start = System.nanoTime();
        App.await(fleet.start());
        List<String> urls = fleet.urls();
        if (urlsOut != null) {
            AtomicFiles.write(urlsOut, (String.join("\n", urls) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        if (configOut != null) {
            Path urlsFile = urlsOut != null ? urlsOut.toAbsolutePath() : null;
            AtomicFiles.write(configOut, config(urlsFile, urls).getBytes(StandardCharsets.UTF_8));
        }
        app.out.printf("simulating %d members on 127.0.0.1 (%d per listener), started in %d ms; interrupt to stop%n",
                members, per, (System.nanoTime() - start) / 1_000_000);
        app.out.println("ready");
        app.out.flush();
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "phoenix-simulate-stop"));
        stop.await();
        return ExitCode.OK;
    }

    private static String config(Path urlsFile, List<String> urls) {
        String source = urlsFile != null ? "{static: {file: \"" + urlsFile + "\"}}"
                : "{static: {hosts: [" + String.join(", ", urls.stream().map(u -> "\"" + u + "\"").toList()) + "]}}";
        return """
                # Written by phoenix simulate: audits the simulated fleet it is serving.
                store: .phoenix-simulate
                probing: {concurrency: %d, timeout: 10s, targets: loopback}
                groups:
                  - name: sim
                    source: %s
                    probes:
                      - {http: {name: state, identity: ["member.*"]}}
                report: {formats: [json]}
                """.formatted(dev.phoenix.config.ProbingSettings.DEFAULT_CONCURRENCY, source);
    }
}
