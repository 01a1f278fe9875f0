package dev.phoenix.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * A cron expression in a time zone, computing fire times with cron-utils.
 *
 * <pre>{@code
 * CronSchedule s = CronSchedule.parse("0 10 * * MON-FRI", ZoneId.of("Europe/Berlin"));
 * s.next(clock.instant())   // Optional[the next weekday 10:00 in Berlin, as an Instant]
 * }</pre>
 *
 * Five fields are Unix cron (minute hour day-of-month month day-of-week); six fields put
 * seconds first (Spring's definition), for schedules finer than a minute.
 */
public final class CronSchedule {

    private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final CronParser SECONDS = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.SPRING));

    private final String expression;
    private final ZoneId zone;
    private final ExecutionTime executionTime;

    private CronSchedule(String expression, ZoneId zone, ExecutionTime executionTime) {
        this.expression = expression;
        this.zone = zone;
        this.executionTime = executionTime;
    }

    /**
     * Parses {@code expression}.
     *
     * @throws IllegalArgumentException naming what is wrong with the expression
     */
    public static CronSchedule parse(String expression, ZoneId zone) {
        Objects.requireNonNull(zone, "zone");
        String text = expression == null ? "" : expression.trim();
        int fields = text.isEmpty() ? 0 : text.split("\\s+").length;
        if (fields != 5 && fields != 6) {
            throw new IllegalArgumentException("expected a cron expression of 5 fields (minute hour day month weekday) "
                    + "or 6 (with seconds first), found " + fields + " in '" + text + "'");
        }
        ExecutionTime executionTime;
        try {
            Cron cron = (fields == 5 ? UNIX : SECONDS).parse(text).validate();
            executionTime = ExecutionTime.forCron(cron);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid cron expression '" + text + "': " + e.getMessage(), e);
        }
        if (!firesEver(executionTime)) {
            throw new IllegalArgumentException("cron expression '" + text + "' never fires (no such date, e.g. 31 February)");
        }
        return new CronSchedule(text, zone, executionTime);
    }

    /** Whether the expression fires at all: within eight years of a fixed date, which covers every leap-day rule. */
    private static boolean firesEver(ExecutionTime executionTime) {
        ZonedDateTime from = ZonedDateTime.of(2000, 1, 1, 0, 0, 0, 0, java.time.ZoneOffset.UTC);
        try {
            return executionTime.nextExecution(from).filter(t -> t.isBefore(from.plusYears(9))).isPresent();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The first fire time strictly after {@code after}; empty when the expression never fires again. */
    public Optional<Instant> next(Instant after) {
        ZonedDateTime from = after.atZone(zone);
        return executionTime.nextExecution(from).map(ZonedDateTime::toInstant)
                .map(t -> t.isAfter(after) ? t : executionTime.nextExecution(t.plusSeconds(1).atZone(zone))
                        .map(ZonedDateTime::toInstant).orElse(null));
    }

    public String expression() {
        return expression;
    }

    public ZoneId zone() {
        return zone;
    }

    @Override
    public String toString() {
        return "\"" + expression + "\" " + zone;
    }
}
