package dev.phoenix.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phoenix.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A bad {@code cluster:} section or cluster option is one located line and exit 2, before anything joins. */
class ClusterSettingsTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "cluster: {members: [\"127.0.0.1\"]}                      | | phoenix.yaml:1:21: cluster.members[0]: expected host:port, e.g. 127.0.0.1:5701, found '127.0.0.1'",
            "cluster: {membrs: []}                                     | | cluster.membrs: unknown key 'membrs' (did you mean 'members'?)",
            "cluster: {zone: \"vpc a\"}                                 | | cluster.zone: zone names are letters",
            "cluster: {port: 70000}                                    | | cluster.port",
            "store: s                                                  | --zone | --cluster-port and --zone need --cluster",
    })
    void badClusterSettings_areOneLineErrors_exit2(String section, String flag, String expected) throws Exception {
        Path config = dir.resolve("phoenix.yaml");
        Files.writeString(config, section.strip() + "\ngroups:\n  - {name: a, zone: a, source: {simulated: {members: 1}}, probes: [{http: {name: state}}]}\n");
        Cli cli = flag == null ? Cli.run("serve", "--config", config.toString(), "--port", "0", "--cluster")
                : Cli.run("serve", "--config", config.toString(), "--port", "0", flag.strip(), "a");
        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.err()).contains(expected.strip()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
