package dev.phoenix.cli;

import dev.phoenix.config.ConfigFileException;
import dev.phoenix.io.InputFiles;
import dev.phoenix.report.Scorecard;
import dev.phoenix.report.ScorecardJson;
import dev.phoenix.runtime.PhoenixRuntime;
import dev.phoenix.score.Comparisons;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code phoenix diff A B}: what changed between two runs, as a run's summary says it. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Print what changed between two runs: findings new in B, still open, and resolved.",
                "Each run is a scorecard.json file, or a run id from the history of the store of --config."})
final class DiffCommand implements Callable<Integer> {

    @ParentCommand
    PhoenixCommand parent;

    @Parameters(index = "0", paramLabel = "RUN_A", description = "The earlier run: a scorecard file or a run id.")
    String a;

    @Parameters(index = "1", paramLabel = "RUN_B", description = "The later run: a scorecard file or a run id.")
    String b;

    @Option(names = "--config", paramLabel = "FILE", description = "The config whose store holds the run ids.")
    Path config;

    @Override
    public Integer call() throws Exception {
        App app = parent.app;
        PhoenixRuntime runtime = null;
        try {
            if (!(isFile(a) && isFile(b))) {
                if (config == null) {
                    app.err.println("phoenix: " + (isFile(a) ? b : a) + " is not a scorecard file; give --config to read run ids "
                            + "from its store's history");
                    return ExitCode.USAGE;
                }
                runtime = PhoenixRuntime.build(app.platform(), app.configLoader().load(config),
                        new PhoenixRuntime.Options(App.randomSeed(), false, w -> { }));
            }
            Optional<Scorecard> first = load(a, runtime, app);
            Optional<Scorecard> second = load(b, runtime, app);
            if (first.isEmpty() || second.isEmpty()) {
                return ExitCode.USAGE;
            }
            Scorecard later = second.get();
            Summary.changes(Comparisons.between(first.get(), later), later.findings(), app.out);
            return ExitCode.OK;
        } catch (ConfigFileException e) {
            return app.configErrors(e);
        } finally {
            if (runtime != null) {
                App.await(runtime.close());
            }
        }
    }

    private static boolean isFile(String arg) {
        return Files.isRegularFile(Path.of(arg));
    }

    private static Optional<Scorecard> load(String arg, PhoenixRuntime runtime, App app) throws Exception {
        if (isFile(arg)) {
            try {
                return Optional.of(ScorecardJson.read(new ByteArrayInputStream(InputFiles.readBytes(Path.of(arg), InputFiles.SCORECARD_LIMIT))));
            } catch (IOException e) {
                app.err.println("phoenix: " + arg + ": not a Phoenix scorecard: " + e.getMessage());
                return Optional.empty();
            }
        }
        Optional<Scorecard> found = App.await(runtime.stores().history().get(arg));
        if (found.isEmpty()) {
            app.err.println("phoenix: no run " + arg + " in the history at " + runtime.stores().history().describe()
                    + " (phoenix serve's /api/runs lists them)");
        }
        return found;
    }
}
