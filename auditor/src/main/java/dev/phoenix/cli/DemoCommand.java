package dev.phoenix.cli;

import dev.phoenix.audit.AuditOutcome;
import dev.phoenix.config.PhoenixConfig;
import dev.phoenix.model.Member;
import dev.phoenix.model.Mutability;
import dev.phoenix.observe.GroupRuntime;
import dev.phoenix.report.ReportFiles;
import dev.phoenix.runtime.PhoenixRuntime;
import dev.phoenix.simulated.SimulatedFleet;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code phoenix demo}: the whole loop on an embedded simulated fleet with no set-up: capture
 * baselines, let time pass (seeded drift on hosts, one immutable member changed in place),
 * audit again with unleashed chaos, and write the scorecard.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the whole loop on an embedded simulated fleet, no set-up needed.",
                "Members are real HTTP servers on 127.0.0.1: baseline -> drift -> chaos -> scorecard.",
                "The same seed gives the same findings."})
final class DemoCommand implements Callable<Integer> {

    @ParentCommand
    PhoenixCommand parent;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "phoenix-demo",
            description = "Where to write the scorecard (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--members", paramLabel = "N", defaultValue = "12",
            description = "Members in the simulated fleet, split across three groups (default: ${DEFAULT-VALUE}, at least 6).")
    int members;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--print-config", description = "Print the demo fleet's config and exit.")
    boolean printConfig;

    @Override
    public Integer call() throws Exception {
        App app = parent.app;
        if (members < 6 || members > 100_000) {
            app.err.println("phoenix: --members must be between 6 and 100000");
            return ExitCode.USAGE;
        }
        String yaml = demoConfig(members);
        if (printConfig) {
            app.out.print(yaml);
            return ExitCode.OK;
        }
        Path store = Files.createTempDirectory("phoenix-demo-store");
        // the demo's baselines live in a temporary directory, deleted at the end
        String withStore = yaml.replace("store: .phoenix\n", "store: \"" + store.toString().replace("\\", "/") + "\"\n");
        PhoenixConfig config = app.configLoader().parse(out.resolve("demo.yaml"), new StringReader(withStore));
        PhoenixRuntime runtime = PhoenixRuntime.build(app.platform(), config, new PhoenixRuntime.Options(seed, true, app.err::println));
        try {
            List<GroupRuntime> groups = runtime.groups();
            app.out.printf("Simulated fleet: %d members in groups %s, seed %d%n", members,
                    groups.stream().map(GroupRuntime::name).toList(), seed);
            AuditOutcome first = App.await(runtime.run(PhoenixRuntime.Run.audit()));
            app.out.printf("1. Baselines captured for %d members.%n", first.scorecard().members().size());

            List<String> changes = letTimePass(groups, runtime.context().random("demo"));
            app.out.println("2. Time passes; the simulation changed members in place:");
            changes.forEach(c -> app.out.println("     " + c));

            app.out.println("3. Audit with unleashed chaos on opted-in immutable members:");
            app.out.println();
            AuditOutcome second = App.await(runtime.run(PhoenixRuntime.Run.withChaos()));
            List<Path> files = ReportFiles.write(second.scorecard(), out, config.report().formats());
            Summary.print(second.scorecard(), app.out, files);
            return ExitCode.OK;
        } finally {
            App.await(runtime.close());
            deleteTree(store);
        }
    }

    /** Seeded in-place changes: about a third of the hosts drift, one immutable member is changed. */
    private static List<String> letTimePass(List<GroupRuntime> groups, Random random) throws Exception {
        List<String> changes = new ArrayList<>();
        List<Member> immutable = new ArrayList<>();
        for (GroupRuntime g : groups) {
            SimulatedFleet fleet = (SimulatedFleet) g.fleet();
            List<Member> members = App.await(fleet.discover());
            if (members.isEmpty()) {
                continue;
            }
            if (members.get(0).mutability() == Mutability.MUTABLE) {
                List<Member> shuffled = new ArrayList<>(members);
                java.util.Collections.shuffle(shuffled, random);
                int drifting = Math.max(1, members.size() / 3);
                for (Member m : shuffled.subList(0, drifting)) {
                    changes.add(m.id() + " (mutable host) drifted: " + String.join(", ", fleet.changeInPlace(m.id(), random)));
                }
            } else {
                immutable.addAll(members);
            }
        }
        if (!immutable.isEmpty()) {
            Member m = immutable.get(random.nextInt(immutable.size()));
            SimulatedFleet fleet = (SimulatedFleet) groups.stream().filter(g -> g.name().equals(m.group())).findFirst()
                    .orElseThrow().fleet();
            changes.add(m.id() + " (immutable " + m.kind().label() + ") changed in place: "
                    + String.join(", ", fleet.changeInPlace(m.id(), random)));
        }
        return changes;
    }

    static String demoConfig(int members) throws IOException {
        try (InputStream in = DemoCommand.class.getResourceAsStream("demo.yaml")) {
            if (in == null) {
                throw new IOException("demo.yaml is missing from the jar");
            }
            int web = Math.max(2, members / 3);
            int api = Math.max(2, members / 3);
            int hosts = members - web - api;
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("${web}", String.valueOf(web))
                    .replace("${api}", String.valueOf(api))
                    .replace("${hosts}", String.valueOf(hosts));
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory; leaving it is harmless
        }
    }
}
