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
 * Writes a scorecard into a directory: always {@code scorecard.json}, plus one file per
 * requested format, each written atomically. Blocking.
 *
 * <pre>{@code
 * List<Path> written = ReportFiles.write(scorecard, Path.of("out"), List.of("html", "junit"));
 * }</pre>
 */
public final class ReportFiles {

    private ReportFiles() {
    }

    /**
     * @param formats exporter names; unknown ones fail before anything is written
     * @return the files written, {@code scorecard.json} first
     */
    public static List<Path> write(Scorecard scorecard, Path dir, List<String> formats) throws IOException {
        return write(scorecard, dir, formats, true);
    }

    /**
     * Writes {@code formats}, and {@code scorecard.json} first when {@code withJson} (an audit always
     * keeps it; a re-export writes only what was asked for).
     */
    public static List<Path> write(Scorecard scorecard, Path dir, List<String> formats, boolean withJson) throws IOException {
        Registry<Exporter> registry = Exporters.registry();
        Set<String> names = new LinkedHashSet<>();
        if (withJson) {
            names.add("json");
        }
        names.addAll(formats);
        List<Exporter> exporters = new ArrayList<>();
        for (String name : names) {
            exporters.add(registry.get(name, "--format"));
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
