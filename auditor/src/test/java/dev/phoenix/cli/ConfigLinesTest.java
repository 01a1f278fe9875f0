package dev.phoenix.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phoenix.config.PhoenixConfig;
import dev.phoenix.model.Change;
import dev.phoenix.report.Finding;
import dev.phoenix.report.FindingKind;
import dev.phoenix.report.SarifExporter;
import dev.phoenix.runtime.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLinesTest {

    @TempDir
    Path dir;

    private static Finding finding(String group) {
        return new Finding("id", FindingKind.DRIFTED, FindingKind.DRIFTED.defaultSeverity(), group, "m", "m", null, null, "f", "1", "2",
                Change.CHANGED, "m: f 1 -> 2", null);
    }

    @Test
    void eachFinding_isLocatedAtItsGroupsLine_relativeToTheRoot() throws Exception {
        Path file = Files.createDirectories(dir.resolve("fleet")).resolve("phoenix.yaml");
        Files.writeString(file, """
                store: state
                groups:
                  - name: web
                    source: {simulated: {members: 2}}
                    probes: [http]

                  - name: hosts
                    source: {simulated: {members: 2}}
                    probes: [http]
                """);
        PhoenixConfig config = Platform.configLoader(Map.of()).load(file);
        SarifExporter.Locator locator = ConfigLines.locator(config, dir);
        assertThat(locator.locate(finding("web"))).contains(new SarifExporter.SourceLine("fleet/phoenix.yaml", 3));
        assertThat(locator.locate(finding("hosts"))).contains(new SarifExporter.SourceLine("fleet/phoenix.yaml", 7));
        assertThat(locator.locate(finding("gone"))).isEmpty();
        assertThat(ConfigLines.locator(config, dir.resolve("elsewhere")).locate(finding("web"))).as("outside the root").isEmpty();
    }
}
