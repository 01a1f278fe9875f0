package dev.phoenix.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsTest {

    @ParameterizedTest
    @CsvSource({"500ms, 500", "30s, 30000", "10m, 600000", "1h30m, 5400000", "1d, 86400000", "PT2M, 120000"})
    void durations_acceptShortAndIsoForms(String text, long millis) {
        Settings s = Settings.of("chaos", Map.of("replace-timeout", text));
        assertThat(s.duration("replace-timeout", Duration.ZERO)).isEqualTo(Duration.ofMillis(millis));
    }

    @Test
    void badDuration_namesTheKeyPath() {
        Settings s = Settings.of("chaos", Map.of("replace-timeout", "10 minutes"));
        assertThatThrownBy(() -> s.duration("replace-timeout", Duration.ZERO))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("expected a duration")
                .extracting(e -> ((ConfigException) e).path()).isEqualTo("chaos.replace-timeout");
    }

    @Test
    void unknownKey_suggestsTheClosestValidOne() {
        Settings s = Settings.of("groups[0].source.simulated", Map.of("membres", 3));
        assertThatThrownBy(() -> s.requireKeys(List.of("members", "kind")))
                .hasMessageContaining("unknown key 'membres' (did you mean 'members'?)")
                .extracting(e -> ((ConfigException) e).path()).isEqualTo("groups[0].source.simulated.membres");
    }

    @Test
    void listElements_carryTheirIndexInThePath() {
        Settings s = Settings.of("groups", List.of(Map.of("name", "web"), "oops"));
        List<Settings> elements = s.elements();
        assertThat(elements.get(1).path()).isEqualTo("groups[1]");
        assertThatThrownBy(() -> elements.get(1).string("name")).hasMessageContaining("expected a map");
    }

    @Test
    void integerOutOfRange_isRejectedWithTheRange() {
        Settings s = Settings.of("", Map.of("members", 0));
        assertThatThrownBy(() -> s.integer("members", 3, 1, 10)).hasMessageContaining("between 1 and 10");
    }
}
