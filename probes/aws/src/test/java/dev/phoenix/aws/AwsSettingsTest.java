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

    @Test
    void accountsAndOrganization_ofTheIssuesExample_areParsedIntoTypedEntries() {
        Settings root = Settings.of("", Map.of("aws", Map.of("region", "us-east-1",
                "accounts", java.util.List.of(
                        Map.of("id", "222222222222", "role", "arn:aws:iam::222222222222:role/PhoenixAudit",
                                "regions", java.util.List.of("eu-west-1", "us-east-1")),
                        Map.of("id", "333333333333", "role", "arn:aws:iam::333333333333:role/PhoenixAudit", "external-id", "ext-42",
                                "regions", java.util.List.of("us-west-2"))),
                "organization", Map.of("role-name", "PhoenixAudit", "regions", java.util.List.of("us-east-1"),
                        "exclude", java.util.List.of("444444444444")))));
        AwsSettings s = AwsSettings.from(root, Map.of());
        assertThat(s.multiAccount()).isTrue();
        assertThat(s.accounts()).extracting(AwsAccount::id).containsExactly("222222222222", "333333333333");
        assertThat(s.accounts().get(0).regions()).containsExactly("eu-west-1", "us-east-1");
        assertThat(s.accounts().get(0).sessionName()).isEqualTo("phoenix");
        assertThat(s.accounts().get(1).externalId()).contains("ext-42");
        AwsOrganization org = s.organization().orElseThrow();
        assertThat(org.audits("444444444444")).isFalse();
        assertThat(org.audits("555555555555")).isTrue();
        assertThat(org.account("555555555555").role()).isEqualTo("arn:aws:iam::555555555555:role/PhoenixAudit");
        assertThat(AwsSettings.from(Settings.of("", Map.of()), Map.of()).multiAccount()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "22222222222|arn:aws:iam::22222222222:role/A|aws.accounts[0].id|expected a twelve-digit account id",
            "222222222222|arn:aws:iam::333333333333:role/A|aws.accounts[0].role|the role is in account 333333333333, not in account 222222222222",
            "222222222222|PhoenixAudit|aws.accounts[0].role|expected a role ARN such as arn:aws:iam::222222222222:role/PhoenixAudit"})
    void badAccountEntry_isAConfigErrorNamingItsKey(String id, String role, String path, String message) {
        Settings root = Settings.of("", Map.of("aws", Map.of("accounts", java.util.List.of(Map.of("id", id, "role", role)))));
        assertThatThrownBy(() -> AwsSettings.from(root, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((ConfigException) e).path()).isEqualTo(path));
    }

    @Test
    void accountListedTwice_orIncludedAndExcluded_isRejected() {
        Map<String, Object> a = Map.of("id", "222222222222", "role", "arn:aws:iam::222222222222:role/A");
        assertThatThrownBy(() -> AwsSettings.from(Settings.of("", Map.of("aws", Map.of("accounts", java.util.List.of(a, a)))), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("listed twice");
        assertThatThrownBy(() -> AwsSettings.from(Settings.of("", Map.of("aws", Map.of("organization", Map.of("role-name", "A",
                "include", java.util.List.of("222222222222"), "exclude", java.util.List.of("222222222222"))))), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("both included and excluded");
    }
}
