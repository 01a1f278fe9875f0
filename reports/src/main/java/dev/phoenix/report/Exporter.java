package dev.phoenix.report;

import dev.phoenix.spi.Named;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Formats a finished scorecard. Exporters never call a fleet or a probe. Registered by name in
 * {@code META-INF/services/dev.phoenix.report.Exporter}; the name is what {@code --format} takes.
 *
 * <pre>{@code
 * Exporter html = Exporters.registry().get("html", "--format");
 * try (OutputStream out = Files.newOutputStream(dir.resolve(html.fileName()))) {
 *     html.write(scorecard, out);
 * }
 * }</pre>
 */
public interface Exporter extends Named {

    /** The file written into {@code --out DIR}, e.g. {@code scorecard.html}. */
    String fileName();

    void write(Scorecard scorecard, OutputStream out) throws IOException;
}
