package dev.phoenix.history;

import dev.phoenix.spi.ConfigErrors;
import dev.phoenix.spi.Settings;
import java.time.Duration;
import java.util.List;

/**
 * The {@code history:} section: how many run scorecards the store keeps.
 *
 * <pre>{@code
 * history: {keep: 500, max-age: 90d}
 * }</pre>
 *
 * @param keep   the newest runs kept; older ones are deleted after each run (0: no limit)
 * @param maxAge runs that started longer ago are deleted after each run (zero: no limit)
 */
public record HistorySettings(int keep, Duration maxAge) {

    public static final List<String> KEYS = List.of("keep", "max-age");

    public static HistorySettings defaults() {
        return new HistorySettings(500, Duration.ofDays(90));
    }

    /** The longest {@code max-age}: ten years. */
    public static final Duration MAX_AGE = Duration.ofDays(3650);

    public static HistorySettings parse(Settings s) {
        ConfigErrors errors = new ConfigErrors();
        errors.check(() -> s.requireKeys(KEYS));
        HistorySettings d = defaults();
        HistorySettings parsed = new HistorySettings(errors.get(() -> s.integer("keep", d.keep(), 0, 1_000_000), d.keep()),
                errors.get(() -> s.duration("max-age", d.maxAge(), Duration.ZERO, MAX_AGE), d.maxAge()));
        errors.throwIfAny();
        return parsed;
    }
}
