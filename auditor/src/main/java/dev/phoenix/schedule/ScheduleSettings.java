package dev.phoenix.schedule;

import dev.phoenix.spi.ConfigErrors;
import dev.phoenix.spi.Settings;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code schedule:} section: when {@code phoenix serve} runs audits and chaos.
 *
 * <pre>
 * schedule: {audit: "*&#47;15 * * * *", chaos: "0 10 * * MON-FRI", zone: Europe/Berlin}
 * </pre>
 *
 * Either key may be left out (that kind then only runs when triggered through the API);
 * {@code zone} defaults to UTC.
 *
 * @param schedules the configured kinds and their schedules
 */
public record ScheduleSettings(Map<RunKind, CronSchedule> schedules, ZoneId zone) {

    public static final List<String> KEYS = List.of("audit", "chaos", "zone");

    public ScheduleSettings {
        schedules = schedules.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(schedules));
    }

    /** Parses and validates the section; errors name the key, e.g. {@code schedule.chaos}. */
    public static ScheduleSettings parse(Settings s) {
        ConfigErrors errors = new ConfigErrors();
        errors.check(() -> s.requireKeys(KEYS));
        ZoneId zone = errors.get(() -> {
            String zoneText = s.string("zone", "UTC");
            try {
                return ZoneId.of(zoneText);
            } catch (DateTimeException e) {
                throw s.child("zone").error("unknown time zone '" + zoneText + "' (e.g. UTC, Europe/Berlin, America/New_York)");
            }
        }, ZoneId.of("UTC"));
        Map<RunKind, CronSchedule> schedules = new EnumMap<>(RunKind.class);
        for (RunKind kind : RunKind.values()) {
            if (s.has(kind.label())) {
                errors.attempt(() -> {
                    String expression = s.string(kind.label());
                    try {
                        return CronSchedule.parse(expression, zone);
                    } catch (IllegalArgumentException e) {
                        throw s.child(kind.label()).error(e.getMessage());
                    }
                }).ifPresent(schedule -> schedules.put(kind, schedule));
            }
        }
        errors.throwIfAny();
        return new ScheduleSettings(schedules, zone);
    }
}
