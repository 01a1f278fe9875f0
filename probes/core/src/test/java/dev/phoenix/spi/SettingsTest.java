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

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            4294967298           | must be between 0 and 1000000, found 4294967298
            18446744073709551626 | must be between 0 and 1000000, found 18446744073709551626
            -2147483649          | must be between 0 and 1000000, found -2147483649
            2.5                  | expected an integer, found '2.5'
            """)
    void integerOutOfAnyRange_isRefused_neverWrapped(String text, String message) {
        Object value = text.contains(".") ? (Object) Double.parseDouble(text) : new java.math.BigInteger(text);
        Settings s = Settings.of("groups[0].source.simulated", Map.of("members", value));
        assertThatThrownBy(() -> s.integer("members", 3, 0, 1_000_000)).hasMessage(message);
        Settings asText = Settings.of("x", Map.of("members", text));
        assertThatThrownBy(() -> asText.integer("members", 3)).isInstanceOf(ConfigException.class);
    }

    @Test
    void wholeNumbersOfEveryJsonType_readExactly() {
        Settings s = Settings.of("", Map.of("a", 7L, "b", 7.0, "c", new java.math.BigInteger("7"), "d", "7", "e", 5_000_000_000L));
        assertThat(List.of(s.integer("a", 0), s.integer("b", 0), s.integer("c", 0), s.integer("d", 0))).containsOnly(7);
        assertThat(s.longInteger("e", 0, 0, Long.MAX_VALUE)).isEqualTo(5_000_000_000L);
        assertThatThrownBy(() -> s.integer("e", 0)).hasMessageContaining("between -2147483648 and 2147483647");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            -5s                    | expected a duration
            PT-5M                  | must not be negative
            99999999999999999999d  | must be at most 3650d
            1h99999999999999999m   | must be at most 3650d
            """)
    void durationsThatAreNegativeOrOverflow_areRefused(String text, String message) {
        Settings s = Settings.of("chaos", Map.of("settle", text));
        assertThatThrownBy(() -> s.duration("settle", Duration.ZERO)).isInstanceOf(ConfigException.class).hasMessageContaining(message);
    }

    @Test
    void numericDurations_areWholeSecondsWithinBounds() {
        Settings s = Settings.of("probing", Map.of("a", 1e30, "b", -1, "c", 1.5, "d", 30));
        assertThatThrownBy(() -> s.duration("a", Duration.ZERO)).hasMessageContaining("must be at most 3650d");
        assertThatThrownBy(() -> s.duration("b", Duration.ZERO)).hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> s.duration("c", Duration.ZERO)).hasMessageContaining("whole number of seconds");
        assertThat(s.duration("d", Duration.ZERO)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void boundedDuration_saysItsBounds() {
        Settings s = Settings.of("probing", Map.of("timeout", "2h", "zero", "0s"));
        assertThatThrownBy(() -> s.duration("timeout", Duration.ofSeconds(5), Duration.ofMillis(1), Duration.ofHours(1)))
                .hasMessage("must be at most 1h, found '2h'");
        assertThatThrownBy(() -> s.duration("zero", Duration.ofSeconds(5), Duration.ofMillis(1), Duration.ofHours(1)))
                .hasMessage("must be positive, found '0s'");
        assertThat(Settings.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
    }

    @Test
    void everyUnknownKey_isReported_notJustTheFirst() {
        Settings s = Settings.of("groups[0].source.simulated", new java.util.LinkedHashMap<>(Map.of("membres", 3)));
        @SuppressWarnings("unchecked")
        Map<String, Object> raw = (Map<String, Object>) s.raw();
        raw.put("knd", "host");
        raw.put("members", 2);
        assertThatThrownBy(() -> s.requireKeys(List.of("members", "kind")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors())
                        .extracting(ConfigException::path)
                        .containsExactly("groups[0].source.simulated.membres", "groups[0].source.simulated.knd"));
    }

    @Test
    void collectedErrors_leaveOutAMissingKeyThatAMisspellingStandsFor() {
        Settings g = Settings.of("groups[0]", Map.of("sorce", Map.of()));
        ConfigErrors errors = new ConfigErrors();
        errors.check(() -> g.requireKeys(List.of("name", "source")));
        errors.check(() -> g.string("source"));
        errors.check(() -> g.string("name"));
        assertThat(errors.all()).extracting(Throwable::getMessage)
                .containsExactly("unknown key 'sorce' (did you mean 'source'?); valid keys: name, source", "required key 'name' is missing");
    }
}
