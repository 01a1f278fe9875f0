package dev.phoenix.cli;

import dev.phoenix.report.ReportFiles;
import dev.phoenix.report.Scorecard;
import dev.phoenix.report.ScorecardJson;
import dev.phoenix.spi.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code phoenix report}: re-export a scorecard in other formats. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write a saved scorecard.json in other formats.", "Exporters only format; they never touch a fleet."})
final class ReportCommand implements Callable<Integer> {

    @ParentCommand
    PhoenixCommand parent;

    @Option(names = "--in", required = true, paramLabel = "FILE", description = "A scorecard.json written by Phoenix.")
    Path in;

    @Option(names = "--format", required = true, split = ",", paramLabel = "LIST", description = "Formats, comma-separated.")
    List<String> formats;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: the input's directory).")
    Path out;

    @Override
    public Integer call() {
        App app = parent.app;
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
            List<Path> files = ReportFiles.export(scorecard, dir, formats);
            files.forEach(f -> app.out.println(f));
            return ExitCode.OK;
        } catch (ConfigException e) {
            app.err.println("phoenix: --format: " + e.getMessage());
            return ExitCode.USAGE;
        } catch (IOException e) {
            app.err.println("phoenix: cannot write reports into " + dir + ": " + e.getMessage());
            return ExitCode.USAGE;
        }
    }
}
