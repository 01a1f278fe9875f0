package dev.phoenix.cli;

import dev.phoenix.audit.AuditOutcome;
import dev.phoenix.config.ConfigFileException;
import dev.phoenix.config.PhoenixConfig;
import dev.phoenix.report.Exporters;
import dev.phoenix.report.FindingKind;
import dev.phoenix.report.ReportFiles;
import dev.phoenix.runtime.PhoenixRuntime;
import dev.phoenix.runtime.ReportExport;
import dev.phoenix.score.Gate;
import dev.phoenix.spi.ConfigException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code phoenix audit}: one audit of a configured fleet. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Audit the fleet described by a config file and write the scorecard.",
                "Discovers members, probes them, compares them with their baselines and, with --chaos, replaces opted-in "
                        + "immutable members to prove they reproduce. Chaos is a dry run (leashed) unless the config sets "
                        + "chaos.enabled and --unleash is given."})
final class AuditCommand implements Callable<Integer> {

    @ParentCommand
    PhoenixCommand parent;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The Phoenix config (YAML).")
    Path config;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write scorecard.json and the other formats "
            + "(default: report.dir of the config).")
    Path out;

    @Option(names = "--format", split = ",", paramLabel = "LIST",
            description = "Report formats, comma-separated (default: report.formats of the config).")
    List<String> formats;

    @Option(names = "--chaos", description = "Run chaos experiments after the audit (leashed unless --unleash).")
    boolean chaos;

    @Option(names = "--unleash", description = "Really terminate members (needs chaos.enabled: true in the config).")
    boolean unleash;

    @Option(names = "--fail-under", paramLabel = "N",
            description = "Gate: exit 4 when the overall score is below N (0-100; default: report.fail-under).")
    Integer failUnder;

    @Option(names = "--fail-on", split = ",", paramLabel = "KINDS",
            description = "Gate: exit 4 on any finding of these kinds that is not waived, e.g. MUTATED,DIVERGED,MISSING "
                    + "(default: report.fail-on).")
    List<String> failOn;

    @Option(names = "--plain-exit", description = "A failed gate exits 1, like findings, instead of 4.")
    boolean plainExit;

    @Option(names = "--waivers", paramLabel = "FILE", description = "Accepted findings (default: report.waivers).")
    Path waivers;

    @Option(names = "--seed", paramLabel = "S", description = "Random seed (chaos victims); default: random, printed in the scorecard.")
    Long seed;

    @Option(names = "--concurrency", paramLabel = "N", description = "Probe calls in flight (default: probing.concurrency, 64).")
    Integer concurrency;

    @Override
    public Integer call() throws Exception {
        App app = parent.app;
        // before anything runs: an unknown format or kind must not cost an audit, let alone real terminations
        formats = Gates.formats(formats);
        List<FindingKind> failOnKinds;
        try {
            for (String name : formats == null ? List.<String>of() : formats) {
                Exporters.registry().get(name, "--format");
            }
        } catch (ConfigException e) {
            app.err.println("phoenix: --format: " + e.getMessage());
            return ExitCode.USAGE;
        }
        try {
            failOnKinds = Gates.kinds(failOn);
        } catch (ConfigException e) {
            app.err.println("phoenix: --fail-on: " + e.getMessage());
            return ExitCode.USAGE;
        }
        if (unleash && !chaos) {
            app.err.println("warning: --unleash has no effect without --chaos: this run audits only");
        }
        PhoenixConfig cfg;
        PhoenixRuntime runtime;
        try {
            cfg = app.configLoader().load(config);
            if (concurrency != null) {
                if (concurrency < 1) {
                    app.err.println("phoenix: --concurrency must be at least 1");
                    return ExitCode.USAGE;
                }
                cfg = cfg.withProbing(cfg.probing().withConcurrency(concurrency));
            }
            if (!Gates.validFailUnder(app, failUnder)) {
                return ExitCode.USAGE;
            }
            runtime = PhoenixRuntime.build(app.platform(), cfg, new PhoenixRuntime.Options(seed != null ? seed : App.randomSeed(),
                    unleash, app.err::println, waivers));
        } catch (ConfigFileException e) {
            return app.configErrors(e);
        }
        try {
            AuditOutcome outcome = App.await(runtime.run(PhoenixRuntime.Run.of(chaos).withProgress(Progress.forConsole(app))));
            try {
                App.await(runtime.stores().history().save(outcome.scorecard()));
            } catch (Exception e) {
                app.err.println("warning: the run was not recorded in the history at " + runtime.stores().history().describe() + ": "
                        + e.getMessage());
            }
            Path dir = out != null ? out : cfg.baseDir().resolve(cfg.report().dir());
            List<Path> files = new java.util.ArrayList<>(ReportFiles.write(outcome.scorecard(), dir,
                    formats != null ? formats : cfg.report().formats(), ConfigLines.locator(cfg, Path.of("").toAbsolutePath())));
            files.addAll(AttestCommand.writeBeside(dir, outcome.attestations()));
            Summary.print(outcome.scorecard(), app.out, files);
            boolean exported = true;
            if (cfg.report().export().isPresent()) {
                try {
                    List<String> keys = App.await(ReportExport.export(app.platform(), cfg, runtime.context(), outcome.scorecard().runId(),
                            files));
                    app.out.println("Exported: " + cfg.report().export().get() + " (" + keys.size() / 2 + " files under "
                            + outcome.scorecard().runId() + "/ and latest/)");
                } catch (ConfigFileException e) {
                    throw e;
                } catch (Exception e) {
                    app.err.println("phoenix: " + e.getMessage());
                    exported = false;
                }
            }
            if (!outcome.configErrors().isEmpty()) {
                app.configErrors(cfg.locate(outcome.configErrors()));
            }
            for (String g : outcome.unreachable()) {
                String error = outcome.scorecard().groups().stream().filter(s -> s.name().equals(g)).findFirst()
                        .map(s -> s.error()).orElse("unreachable");
                app.err.println("phoenix: group " + g + ": " + error);
            }
            Gate gate = cfg.report().gate(failUnder, failOnKinds);
            int code = Gates.exit(app, outcome, gate, plainExit || cfg.report().plainExit());
            return exported || code == ExitCode.USAGE ? code : ExitCode.UNREACHABLE;
        } finally {
            App.await(runtime.close());
        }
    }
}
