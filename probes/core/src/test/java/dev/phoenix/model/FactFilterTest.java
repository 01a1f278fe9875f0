package dev.phoenix.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FactFilterTest {

    @ParameterizedTest
    @CsvSource({
            "member.*, member.id, true",
            "member.*, members.id, false",
            "*.uptime, http.state.json.uptime, true",
            "a?c, abc, true",
            "a?c, abbc, false",
            "files./etc/*, files./etc/ssl/openssl.cnf, true",
            "(x), (x), true"})
    void globs_matchWholeKeys(String glob, String key, boolean matches) {
        assertThat(FactFilter.of(List.of(glob)).matches(key)).isEqualTo(matches);
    }
}
