package dev.phoenix.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code phoenix}: the top-level command. */
@Command(name = "phoenix", mixinStandardHelpOptions = true, version = "phoenix 0.1.0",
        description = "Chaos-style consistency auditor for hybrid fleets: proves immutable members reproduce "
                + "from their image and flags mutable hosts that drifted from their baseline.",
        subcommands = {DemoCommand.class, AuditCommand.class, BaselineCommand.class, ServeCommand.class, ReportCommand.class,
                SimulateCommand.class, LocalstackCommand.class, SchemaCommand.class, DiffCommand.class, ChaosCommand.class,
                AttestCommand.class,
                picocli.CommandLine.HelpCommand.class},
        footer = {"", "Exit codes:", "  0  ok", "  1  findings (not waived)",
                "  2  usage or configuration error", "  3  a provider could not be reached at all",
                "  4  a gate failed (--fail-under, --fail-on; 1 instead with --plain-exit)"})
public final class PhoenixCommand implements java.util.concurrent.Callable<Integer> {

    final App app;

    @Option(names = {"-v", "--verbose"}, description = "Log more to stderr (-vv for debug).", scope = picocli.CommandLine.ScopeType.INHERIT)
    boolean[] verbose;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    public PhoenixCommand(App app) {
        this.app = app;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(app.err);
        return ExitCode.USAGE;
    }
}
