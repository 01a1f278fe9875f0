package dev.phoenix.cli;

import dev.phoenix.report.FindingKind;
import dev.phoenix.report.ReportFiles;
import dev.phoenix.report.Scorecard;
import dev.phoenix.report.ScorecardJson;
import dev.phoenix.score.Gate;
import dev.phoenix.spi.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code phoenix report}: re-export a scorecard in other formats, and gate on it. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write a saved scorecard.json in other formats, and gate on it (--fail-under, --fail-on).",
                "Exporters only format; they never touch a fleet."})
final class ReportCommand implements Callable<Integer> {

    @ParentCommand
    PhoenixCommand parent;

    @Option(names = "--in", required = true, paramLabel = "FILE", description = "A scorecard.json written by Phoenix.")
    Path in;

    @Option(names = "--format", split = ",", paramLabel = "LIST",
            description = "Formats, comma-separated (json, html, junit, sarif, markdown, csv, prometheus); none: only gate.")
    List<String> formats;

    @Option(names = "--fail-under", paramLabel = "N", description = "Gate: exit 4 when the overall score is below N (0-100).")
    Integer failUnder;

    @Option(names = "--fail-on", split = ",", paramLabel = "KINDS",
            description = "Gate: exit 4 on any finding of these kinds that is not waived (MUTATED,DIVERGED,...).")
    List<String> failOn;

    @Option(names = "--plain-exit", description = "A failed gate exits 1, like findings, instead of 4.")
    boolean plainExit;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: the input's directory).")
    Path out;

    @Override
    public Integer call() {
        App app = parent.app;
        formats = Gates.formats(formats);
        List<FindingKind> kinds;
        try {
            kinds = Gates.kinds(failOn);
        } catch (ConfigException e) {
            app.err.println("phoenix: --fail-on: " + e.getMessage());
            return ExitCode.USAGE;
        }
        if (!Gates.validFailUnder(app, failUnder)) {
            return ExitCode.USAGE;
        }
        if ((formats == null || formats.isEmpty()) && failUnder == null && kinds == null) {
            app.err.println("phoenix: report needs --format, --fail-under or --fail-on");
            return ExitCode.USAGE;
        }
        Scorecard scorecard;
        try (InputStream stream = Files.newInputStream(in)) {
            scorecard = ScorecardJson.read(stream);
        } catch (NoSuchFileException e) {
            app.err.println("phoenix: " + in + ": no such file");
            return ExitCode.USAGE;
        } catch (IOException e) {
            app.err.println("phoenix: " + in + ": not a Phoenix scorecard: " + e.getMessage());
            return ExitCode.USAGE;
        }
        Path dir = out != null ? out : in.toAbsolutePath().getParent();
        try {
            if (formats != null && !formats.isEmpty()) {
                List<Path> files = ReportFiles.export(scorecard, dir, formats);
                files.forEach(f -> app.out.println(f));
            }
            if (failUnder == null && kinds == null) {
                return ExitCode.OK;
            }
            Gate gate = new Gate(Optional.ofNullable(failUnder), kinds == null ? Set.of() : Set.copyOf(kinds));
            return Gates.exit(app, scorecard, gate, plainExit);
        } catch (ConfigException e) {
            app.err.println("phoenix: --format: " + e.getMessage());
            return ExitCode.USAGE;
        } catch (IOException e) {
            app.err.println("phoenix: cannot write reports into " + dir + ": " + e.getMessage());
            return ExitCode.USAGE;
        }
    }
}
