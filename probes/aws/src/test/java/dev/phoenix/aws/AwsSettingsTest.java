package dev.phoenix.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.phoenix.spi.ConfigException;
import dev.phoenix.spi.Settings;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AwsSettingsTest {

    @Test
    void configWinsOverEnvironment() {
        Settings root = Settings.of("", Map.of("aws", Map.of("region", "eu-west-1", "endpoint", "http://127.0.0.1:4566")));
        AwsSettings s = AwsSettings.from(root, Map.of("AWS_REGION", "us-west-2", "AWS_ENDPOINT_URL", "http://127.0.0.1:9999"));
        assertThat(s.region()).isEqualTo("eu-west-1");
        assertThat(s.endpoint()).contains(URI.create("http://127.0.0.1:4566"));
        assertThat(s.loopbackEndpoint()).isTrue();
    }

    @Test
    void withoutAwsSection_environmentThenDefaultsApply() {
        AwsSettings s = AwsSettings.from(Settings.of("", Map.of()),
                Map.of("AWS_DEFAULT_REGION", "ap-south-1", "AWS_ENDPOINT_URL", "http://localhost:4566", "AWS_PROFILE", "audit"));
        assertThat(s.region()).isEqualTo("ap-south-1");
        assertThat(s.endpoint()).contains(URI.create("http://localhost:4566"));
        assertThat(s.profile()).contains("audit");
        assertThat(AwsSettings.from(Settings.of("", Map.of()), Map.of()).region()).isEqualTo("us-east-1");
        assertThat(AwsSettings.from(Settings.of("", Map.of()), Map.of()).endpoint()).isEmpty();
    }

    @Test
    void s3Endpoint_isTheConfigEndpoint_elseAwsEndpointUrlS3_elseAwsEndpointUrl() {
        Settings none = Settings.of("", Map.of());
        Settings configured = Settings.of("", Map.of("aws", Map.of("endpoint", "http://127.0.0.1:4566")));
        Map<String, String> both = Map.of("AWS_ENDPOINT_URL", "https://ec2.example", "AWS_ENDPOINT_URL_S3", "http://127.0.0.1:9000");
        AwsSettings fromConfig = AwsSettings.from(configured, both);
        assertThat(fromConfig.s3Endpoint()).contains(URI.create("http://127.0.0.1:4566"));
        AwsSettings fromEnv = AwsSettings.from(none, both);
        assertThat(fromEnv.endpoint()).contains(URI.create("https://ec2.example"));
        assertThat(fromEnv.s3Endpoint()).contains(URI.create("http://127.0.0.1:9000"));
        assertThat(fromEnv.loopbackEndpoint()).isFalse();
        assertThat(fromEnv.loopbackS3Endpoint()).isTrue();
        assertThat(fromEnv.describe()).isEqualTo("region us-east-1 at https://ec2.example, S3 at http://127.0.0.1:9000");
        assertThat(AwsSettings.from(none, Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:4566")).s3Endpoint())
                .contains(URI.create("http://127.0.0.1:4566"));
        assertThat(AwsSettings.from(none, Map.of()).s3Endpoint()).isEmpty();
    }

    @Test
    void misspeltKey_isAConfigErrorWithItsPath() {
        Settings root = Settings.of("", Map.of("aws", Map.of("regoin", "us-east-1")));
        assertThatThrownBy(() -> AwsSettings.from(root, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("did you mean 'region'")
                .satisfies(e -> assertThat(((ConfigException) e).path()).isEqualTo("aws.regoin"));
    }

    @Test
    void endpointWithoutScheme_isRejected() {
        Settings root = Settings.of("", Map.of("aws", Map.of("endpoint", "127.0.0.1:4566")));
        assertThatThrownBy(() -> AwsSettings.from(root, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("expected an http:// or https:// URL");
    }

    @ParameterizedTest
    @CsvSource({"http://127.0.0.1:4566,true", "http://127.3.4.5:1,true", "http://localhost:4566,true", "http://[::1]:4566,true",
            "http://10.0.0.5:4566,false", "https://ec2.us-east-1.amazonaws.com,false", "http://localstack:4566,false"})
    void loopbackEndpoints_areRecognisedWithoutResolvingNames(String endpoint, boolean loopback) {
        AwsSettings s = AwsSettings.from(Settings.of("", Map.of()), Map.of("AWS_ENDPOINT_URL", endpoint));
        assertThat(s.loopbackEndpoint()).isEqualTo(loopback);
    }
}
