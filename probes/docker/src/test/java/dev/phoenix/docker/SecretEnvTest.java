package dev.phoenix.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretEnvTest {

    @ParameterizedTest
    @ValueSource(strings = {"DB_PASSWORD", "api_key", "GITHUB_TOKEN", "AWS_SECRET_ACCESS_KEY", "SESSION_SALT", "Credentials_File"})
    void secretLookingNames_areNeverRecordedInClear(String name) {
        String recorded = SecretEnv.defaults().record(name, "hunter2");
        assertThat(recorded).startsWith("sha256:").doesNotContain("hunter2");
    }

    @Test
    void urlsWithCredentials_areSecretWhateverTheName() {
        assertThat(SecretEnv.defaults().record("DATABASE_URL", "postgres://app:hunter2@db:5432/app"))
                .startsWith("sha256:").doesNotContain("hunter2");
        assertThat(SecretEnv.defaults().record("UPSTREAM", "http://api:8080/v1")).isEqualTo("http://api:8080/v1");
    }

    @Test
    void presenceMode_recordsOnlyThatTheVariableIsSet_andGlobsAddNames() {
        SecretEnv env = new SecretEnv(List.of("*_DSN2"), SecretEnv.Mode.PRESENCE);
        assertThat(env.record("SENTRY_DSN2", "https://x")).isEqualTo("(set)");
        assertThat(env.record("LOG_LEVEL", "info")).isEqualTo("info");
    }

    @Test
    void aChangedSecret_changesItsDigest() {
        assertThat(SecretEnv.defaults().record("DB_PASSWORD", "a")).isNotEqualTo(SecretEnv.defaults().record("DB_PASSWORD", "b"));
    }
}
