package dev.phoenix.chaos;

import dev.phoenix.spi.ConfigErrors;
import dev.phoenix.spi.Settings;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * When terminations are allowed: days of the week and hours in a time zone.
 *
 * <pre>{@code
 * window: {days: MON-FRI, hours: "09:00-17:00", zone: Europe/Berlin}
 * }</pre>
 *
 * Hours are start-inclusive, end-exclusive; an end before the start spans midnight.
 */
public record ChaosWindow(Set<DayOfWeek> days, LocalTime from, LocalTime to, ZoneId zone) {

    public ChaosWindow {
        days = Set.copyOf(days);
    }

    static ChaosWindow parse(Settings s) {
        ConfigErrors errors = new ConfigErrors();
        errors.check(() -> s.requireKeys(List.of("days", "hours", "zone")));
        Set<DayOfWeek> days = errors.get(() -> s.has("days") ? days(s.child("days")) : EnumSet.allOf(DayOfWeek.class),
                EnumSet.allOf(DayOfWeek.class));
        LocalTime[] hours = errors.get(() -> hours(s), new LocalTime[] {LocalTime.MIDNIGHT, LocalTime.MIDNIGHT});
        ZoneId zone = errors.get(() -> {
            String text = s.string("zone", "UTC");
            try {
                return ZoneId.of(text);
            } catch (java.time.DateTimeException e) {
                throw s.child("zone").error("unknown time zone '" + text + "'");
            }
        }, ZoneId.of("UTC"));
        errors.throwIfAny();
        return new ChaosWindow(days, hours[0], hours[1], zone);
    }

    private static LocalTime[] hours(Settings s) {
        if (!s.has("hours")) {
            return new LocalTime[] {LocalTime.MIDNIGHT, LocalTime.MIDNIGHT};
        }
        String hours = s.string("hours");
        String[] parts = hours.split("-");
        try {
            if (parts.length != 2) {
                throw new DateTimeParseException("expected HH:MM-HH:MM", hours, 0);
            }
            return new LocalTime[] {LocalTime.parse(parts[0].trim()), LocalTime.parse(parts[1].trim())};
        } catch (DateTimeParseException e) {
            throw s.child("hours").error("expected hours such as \"09:00-17:00\", found '" + hours + "'");
        }
    }

    /** Whether {@code instant} (seen in the window's zone) falls inside the window. */
    public boolean contains(java.time.Instant instant) {
        ZonedDateTime t = instant.atZone(zone);
        LocalTime time = t.toLocalTime();
        DayOfWeek day = t.getDayOfWeek();
        if (from.equals(to)) {
            return days.contains(day);
        }
        if (from.isBefore(to)) {
            return days.contains(day) && !time.isBefore(from) && time.isBefore(to);
        }
        // spans midnight: the part after midnight belongs to the previous day's window
        if (!time.isBefore(from)) {
            return days.contains(day);
        }
        return time.isBefore(to) && days.contains(day.minus(1));
    }

    @Override
    public String toString() {
        return days.size() == 7 ? "every day " + from + "-" + to + " " + zone
                : days.stream().sorted().map(d -> d.name().substring(0, 3)).toList() + " " + from + "-" + to + " " + zone;
    }

    private static Set<DayOfWeek> days(Settings s) {
        List<String> items = s.isScalar() ? List.of(s.asString().split(",")) : s.elements().stream().map(Settings::asString).toList();
        EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        if (items.stream().allMatch(String::isBlank)) {
            throw s.error("no days given: a window needs at least one day, e.g. MON-FRI (leave 'days' out for every day)");
        }
        for (String item : items) {
            String text = item.trim().toUpperCase(Locale.ROOT);
            String[] range = text.split("-");
            if (range.length == 2) {
                DayOfWeek a = day(range[0], s);
                DayOfWeek b = day(range[1], s);
                for (DayOfWeek d = a; ; d = d.plus(1)) {
                    days.add(d);
                    if (d == b) {
                        break;
                    }
                }
            } else {
                days.add(day(text, s));
            }
        }
        return days;
    }

    private static DayOfWeek day(String text, Settings s) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().startsWith(text) && text.length() >= 3) {
                return d;
            }
        }
        throw s.error("expected days such as MON-FRI or [MON, WED], found '" + text + "'");
    }
}
