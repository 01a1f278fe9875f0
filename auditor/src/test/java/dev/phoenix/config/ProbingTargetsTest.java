package dev.phoenix.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Whether probing is loopback-only when the config does not say: decided from the AWS endpoint, wherever it is set. */
class ProbingTargetsTest {

    private static final String GROUPS = "groups:\n  - {name: web, source: {aws-asg: web-asg}, probes: [aws-instance]}\n";

    private static PhoenixConfig load(String yaml, Map<String, String> env) {
        return new ConfigLoader(Set.of("aws-asg"), Set.of("aws-instance"), env).parse(Path.of("phoenix.yaml"), new StringReader(yaml));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            emulator in the config                 | aws: {endpoint: "http://127.0.0.1:4566"}\\n |                        | true
            emulator in the environment            | ''                                          | http://127.0.0.1:4566  | true
            localhost in the environment           | ''                                          | http://localhost:4566  | true
            config endpoint wins over environment  | aws: {endpoint: "https://ec2.example"}\\n   | http://127.0.0.1:4566  | false
            real AWS                               | aws: {region: eu-west-1}\\n                 |                        | false
            explicit any wins                      | 'probing: {targets: any}\\n'                | http://127.0.0.1:4566  | false
            explicit loopback without an emulator  | 'probing: {targets: loopback}\\n'           |                        | true
            """)
    void loopbackOnlyByDefault_exactlyWhenTheAwsEndpointIsOnLoopback(String name, String head, String envEndpoint, boolean loopback) {
        Map<String, String> env = envEndpoint == null ? Map.of() : Map.of("AWS_ENDPOINT_URL", envEndpoint);
        assertThat(load(head.replace("\\n", "\n") + GROUPS, env).probing().loopbackOnly()).isEqualTo(loopback);
    }

    @Test
    void misspeltAwsKey_isAnErrorAtLoad_evenWithoutAwsSources() {
        String yaml = "aws: {regoin: us-east-1}\ngroups:\n  - {name: web, source: {aws-asg: web-asg}, probes: [aws-instance]}\n";
        assertThatThrownBy(() -> load(yaml, Map.of())).isInstanceOf(ConfigFileException.class)
                .hasMessageContaining("phoenix.yaml:1:7: aws.regoin: unknown key 'regoin' (did you mean 'region'?)");
    }

    @Test
    void malformedEndpointInTheEnvironmentOnly_isLeftToTheAwsSources() {
        assertThat(load(GROUPS, Map.of("AWS_ENDPOINT_URL", "127.0.0.1:4566")).probing().loopbackOnly()).isFalse();
    }
}
