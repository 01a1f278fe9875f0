package dev.phoenix.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A malformed config exits 2 with one line naming file, line and key; never a stack trace. */
class ConfigErrorsTest {

    @TempDir
    Path dir;

    private Cli audit(String yaml) throws Exception {
        Path file = dir.resolve("phoenix.yaml");
        Files.writeString(file, yaml);
        return Cli.run("audit", "--config", file.toString(), "--out", dir.resolve("out").toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown source key      | groups:\\n  - name: web\\n    sorce: {simulated: {members: 2}}\\n    probes: [http] | :3:5: groups[0].sorce: unknown key 'sorce' (did you mean 'source'?)
            unknown source type     | groups:\\n  - name: web\\n    source: {simulatd: {members: 2}}\\n    probes: [http] | :3:14: groups[0].source.simulatd: unknown source 'simulatd' (did you mean 'simulated'?)
            wrong value type        | groups:\\n  - name: web\\n    source:\\n      simulated: {members: many}\\n    probes: [http] | :4:19: groups[0].source.simulated.members: expected an integer, found 'many'
            unknown probe           | groups:\\n  - name: web\\n    source: {simulated: {}}\\n    probes: [http, htp] | :4:20: groups[0].probes[1]: unknown probe 'htp' (did you mean 'http'?)
            bad probe setting       | groups:\\n  - name: web\\n    source: {simulated: {}}\\n    probes:\\n      - http: {timeout: soon} | :5:16: groups[0].probes[0].http.timeout: expected a duration
            bad duration in chaos   | groups:\\n  - name: web\\n    source: {simulated: {}}\\n    probes: [http]\\nchaos: {replace-timeout: 10 minutes} | :5:9: chaos.replace-timeout: expected a duration
            missing probes          | groups:\\n  - name: web\\n    source: {simulated: {}} | :2:5: groups[0]: group 'web' needs at least one probe
            duplicate group         | groups:\\n  - {name: web, source: {simulated: {}}, probes: [http]}\\n  - {name: web, source: {simulated: {}}, probes: [http]} | :3:6: groups[1].name: duplicate group name 'web'
            duplicate key           | groups:\\n  - name: web\\n    name: api\\n    source: {simulated: {}}\\n    probes: [http] | :3:5: groups[0].name: duplicate key 'name'
            yaml syntax             | groups:\\n  - name: web\\n   source: [unclosed | :3:4: YAML syntax error
            unknown top-level key   | grups: [] | :1:1: grups: unknown key 'grups' (did you mean 'groups'?)
            empty file              | '' | phoenix.yaml: the file is empty
            """)
    void malformedConfig_exitsTwo_namingFileLineAndKey(String name, String yaml, String expected) throws Exception {
        Cli cli = audit(yaml.replace("\\n", "\n"));
        assertThat(cli.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(cli.err()).startsWith("phoenix: " + dir.resolve("phoenix.yaml")).contains(expected);
        assertThat(cli.err().lines().count()).as("one line, no stack trace").isEqualTo(1);
        assertThat(cli.out()).isEmpty();
    }

    @Test
    void missingConfigFile_exitsTwo() {
        Cli cli = Cli.run("audit", "--config", dir.resolve("nope.yaml").toString());
        assertThat(cli.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(cli.err()).contains("nope.yaml: no such file");
    }
}
