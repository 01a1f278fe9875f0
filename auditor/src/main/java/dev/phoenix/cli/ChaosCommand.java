package dev.phoenix.cli;

import dev.phoenix.config.ConfigFileException;
import dev.phoenix.config.PhoenixConfig;
import dev.phoenix.report.ChaosResult;
import dev.phoenix.report.ChaosVerdict;
import dev.phoenix.report.GroupProof;
import dev.phoenix.runtime.PhoenixRuntime;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code phoenix chaos}: chaos without a run. */
@Command(name = "chaos", mixinStandardHelpOptions = true, description = "Chaos without running an audit.",
        subcommands = {ChaosCommand.Plan.class})
final class ChaosCommand implements Callable<Integer> {

    @ParentCommand
    PhoenixCommand parent;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(parent.app.err);
        return ExitCode.USAGE;
    }

    /** {@code phoenix chaos plan}: which members the next chaos run would terminate and why. */
    @Command(name = "plan", mixinStandardHelpOptions = true,
            description = {"Print which members the next chaos run would terminate and why, touching nothing.",
                    "Discovers and probes the fleet, then runs every guardrail as an unleashed run would (the ledger, "
                            + "the window, min-healthy, the kill switch, stale-first and the proofs), and stops before "
                            + "any termination. Nothing is written to the store: baselines, ledger and proofs stay as they are."})
    static final class Plan implements Callable<Integer> {

        @ParentCommand
        ChaosCommand chaos;

        @Option(names = "--config", required = true, paramLabel = "FILE", description = "The Phoenix config (YAML).")
        Path config;

        @Option(names = "--seed", paramLabel = "S", description = "Random seed; a chaos run with the same --seed draws the same victims.")
        Long seed;

        @Override
        public Integer call() throws Exception {
            App app = chaos.parent.app;
            long s = seed != null ? seed : App.randomSeed();
            PhoenixConfig cfg;
            PhoenixRuntime runtime;
            try {
                cfg = app.configLoader().load(config);
                runtime = PhoenixRuntime.build(app.platform(), cfg, new PhoenixRuntime.Options(s, false, app.err::println));
            } catch (ConfigFileException e) {
                app.err.println("phoenix: " + e.getMessage());
                return ExitCode.USAGE;
            }
            try {
                PhoenixRuntime.Plan plan = App.await(runtime.plan());
                app.out.println("Chaos plan for " + config + " (seed " + s + ", target "
                        + cfg.chaos().target().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + "); nothing was touched.");
                if (!cfg.chaos().enabled()) {
                    app.out.println("chaos.enabled is false: no run of this config terminates anything.");
                }
                int would = 0;
                app.out.println();
                java.util.List<ChaosResult> results = new java.util.ArrayList<>(plan.scorecard().chaos());
                results.sort(java.util.Comparator.comparing((ChaosResult r) -> !"unleashed".equals(r.guard()))); // terminations first
                for (ChaosResult r : results) {
                    if (r.verdict() == ChaosVerdict.SKIPPED && "unleashed".equals(r.guard())) {
                        would++;
                        app.out.println("  TERMINATE  " + r.group() + "/" + r.victim() + ": " + plan.picks().getOrDefault(r.victim(), "picked"));
                    } else {
                        app.out.println("  leave      " + r.group() + (r.victim() == null ? "" : "/" + r.victim()) + ": " + r.reason());
                    }
                }
                if (plan.scorecard().chaos().isEmpty()) {
                    app.out.println("  (no group chaos may touch)");
                }
                app.out.println();
                app.out.println("A run with --chaos --unleash would terminate " + would + " member(s)"
                        + (would == 0 ? "." : "; with --seed " + s + " it draws the same ones while the fleet is unchanged."));
                if (!plan.scorecard().proofs().isEmpty()) {
                    app.out.println();
                    app.out.println("Proofs:");
                    for (GroupProof p : plan.scorecard().proofs()) {
                        app.out.println("  " + p.group() + ": " + p.status() + (p.stale() == null ? "" : " (" + p.stale() + ")") + " - "
                                + p.reason());
                    }
                }
                plan.scorecard().groups().stream().filter(g -> g.error() != null)
                        .forEach(g -> app.err.println("phoenix: group " + g.name() + ": " + g.error()));
                return ExitCode.OK;
            } finally {
                App.await(runtime.close());
            }
        }
    }
}
