package dev.phoenix.cli;

import dev.phoenix.config.PhoenixConfig;
import dev.phoenix.report.SarifExporter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where in the config a finding comes from, for SARIF's physical locations: the line of its
 * group's entry under {@code groups}, the definition every member of the group is judged by. The
 * path is relative to {@code root} (code scanning resolves it against the checkout); a config
 * outside {@code root} gives no location.
 *
 * <pre>{@code
 * ReportFiles.write(card, dir, formats, ConfigLines.locator(config, Path.of("").toAbsolutePath()));
 * // a finding of group "web", defined at fleet/phoenix.yaml line 7: SourceLine("fleet/phoenix.yaml", 7)
 * }</pre>
 */
final class ConfigLines {

    private ConfigLines() {
    }

    static SarifExporter.Locator locator(PhoenixConfig config, Path root) {
        Path file = config.file().toAbsolutePath().normalize();
        if (!file.startsWith(root.normalize())) {
            return SarifExporter.Locator.NONE;
        }
        String uri = root.normalize().relativize(file).toString().replace('\\', '/');
        Map<String, Integer> lines = new HashMap<>();
        for (int i = 0; i < config.groups().size(); i++) {
            String at = config.tree().locate("groups[" + i + "]");
            int colon = at.indexOf(':');
            if (colon > 0) {
                lines.putIfAbsent(config.groups().get(i).name(), Integer.parseInt(at.substring(0, colon)));
            }
        }
        return f -> Optional.ofNullable(lines.get(f.group())).map(line -> new SarifExporter.SourceLine(uri, line));
    }
}
