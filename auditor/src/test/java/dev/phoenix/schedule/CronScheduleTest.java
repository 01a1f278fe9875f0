package dev.phoenix.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.phoenix.spi.ConfigException;
import dev.phoenix.spi.Settings;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CronScheduleTest {

    @ParameterizedTest(name = "{0} in {1} after {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
            "*/15 * * * *      | UTC           | 2026-03-04T10:07:12Z | 2026-03-04T10:15:00Z",
            "*/15 * * * *      | UTC           | 2026-03-04T10:15:00Z | 2026-03-04T10:30:00Z",
            "0 10 * * MON-FRI  | UTC           | 2026-03-06T10:00:00Z | 2026-03-09T10:00:00Z",
            "0 10 * * MON-FRI  | Europe/Berlin | 2026-03-04T08:00:00Z | 2026-03-04T09:00:00Z",
            "0 10 * * MON-FRI  | Europe/Berlin | 2026-07-01T08:30:00Z | 2026-07-02T08:00:00Z",
            "*/5 * * * * *     | UTC           | 2026-03-04T10:00:01Z | 2026-03-04T10:00:05Z",
    })
    void next_isTheFirstFireTimeAfterInTheScheduleZone(String expression, String zone, String after, String expected) {
        CronSchedule s = CronSchedule.parse(expression, ZoneId.of(zone));
        assertThat(s.next(Instant.parse(after))).contains(Instant.parse(expected));
    }

    @Test
    void malformedExpression_isRejectedWithTheExpression() {
        assertThatThrownBy(() -> CronSchedule.parse("*/15 * * *", ZoneOffset.UTC))
                .hasMessageContaining("expected a cron expression of 5 fields").hasMessageContaining("found 4");
        assertThatThrownBy(() -> CronSchedule.parse("0 25 * * *", ZoneOffset.UTC))
                .hasMessageStartingWith("invalid cron expression '0 25 * * *'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0 0 31 2 *", "0 0 30 2 *", "0 0 31 4 *", "0 0 0 31 11 *"})
    void expressionThatNeverFires_isRefused(String expression) {
        assertThatThrownBy(() -> CronSchedule.parse(expression, ZoneOffset.UTC)).hasMessageContaining("never fires");
    }

    @Test
    void leapDay_firesEveryFourYears_andIsAccepted() {
        CronSchedule s = CronSchedule.parse("0 0 29 2 *", ZoneOffset.UTC);
        assertThat(s.next(Instant.parse("2026-03-01T00:00:00Z"))).contains(Instant.parse("2028-02-29T00:00:00Z"));
    }

    @Test
    void scheduleSection_namesTheKeyAtFault() {
        assertThatThrownBy(() -> ScheduleSettings.parse(Settings.of("schedule", Map.of("audit", "0 99 * * *"))))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).path()).isEqualTo("schedule.audit"));
        assertThatThrownBy(() -> ScheduleSettings.parse(Settings.of("schedule", Map.of("zone", "Mars/Olympus"))))
                .hasMessageContaining("unknown time zone 'Mars/Olympus'");
        assertThatThrownBy(() -> ScheduleSettings.parse(Settings.of("schedule", Map.of("audits", "* * * * *"))))
                .hasMessageContaining("did you mean");
    }

    @Test
    void scheduleSection_appliesItsZoneToEveryExpression() {
        ScheduleSettings s = ScheduleSettings.parse(Settings.of("schedule",
                Map.of("audit", "*/15 * * * *", "chaos", "0 10 * * MON-FRI", "zone", "Europe/Berlin")));
        assertThat(s.schedules()).containsOnlyKeys(RunKind.AUDIT, RunKind.CHAOS);
        assertThat(s.schedules().get(RunKind.CHAOS).zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    }
}
