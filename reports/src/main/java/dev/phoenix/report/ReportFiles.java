package dev.phoenix.report;

import dev.phoenix.io.AtomicFiles;
import dev.phoenix.spi.Registry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes a scorecard into a directory, one file per format, each written atomically. Blocking.
 * A run's reports always include {@code scorecard.json}; a re-export writes only what it is asked.
 *
 * <pre>{@code
 * List<Path> written = ReportFiles.write(scorecard, Path.of("out"), List.of("html", "junit"));   // + scorecard.json
 * List<Path> again = ReportFiles.export(saved, Path.of("out"), List.of("prometheus"));          // phoenix.prom only
 * }</pre>
 */
public final class ReportFiles {

    private ReportFiles() {
    }

    /**
     * A run's reports: {@code scorecard.json}, then {@code formats}.
     *
     * @param formats exporter names; unknown ones fail before anything is written
     * @return the files written, {@code scorecard.json} first
     */
    public static List<Path> write(Scorecard scorecard, Path dir, List<String> formats) throws IOException {
        return write(scorecard, dir, formats, SarifExporter.Locator.NONE);
    }

    /** The same, SARIF results located in a file by {@code locator} (the config line of each finding's group). */
    public static List<Path> write(Scorecard scorecard, Path dir, List<String> formats, SarifExporter.Locator locator) throws IOException {
        List<String> withJson = new ArrayList<>(formats);
        withJson.add(0, "json");
        return export(scorecard, dir, withJson, locator);
    }

    /**
     * Exactly {@code formats} (each once), for a saved scorecard written again in other formats.
     *
     * @param formats exporter names; unknown ones fail before anything is written
     */
    public static List<Path> export(Scorecard scorecard, Path dir, List<String> formats) throws IOException {
        return export(scorecard, dir, formats, SarifExporter.Locator.NONE);
    }

    private static List<Path> export(Scorecard scorecard, Path dir, List<String> formats, SarifExporter.Locator locator)
            throws IOException {
        Registry<Exporter> registry = Exporters.registry();
        Set<String> names = new LinkedHashSet<>(formats);
        List<Exporter> exporters = new ArrayList<>();
        for (String name : names) {
            Exporter e = registry.get(name, "--format");
            exporters.add(e instanceof SarifExporter && locator != SarifExporter.Locator.NONE ? new SarifExporter(locator) : e);
        }
        List<Path> written = new ArrayList<>();
        for (Exporter e : exporters) {
            Path file = dir.resolve(e.fileName());
            AtomicFiles.write(file, out -> e.write(scorecard, out));
            written.add(file);
        }
        return written;
    }
}
