package dev.phoenix.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Run ids, in one place: the run's start (UTC, to the millisecond, so that ids sort as runs
 * started) and 16 random bits, e.g. {@code 20260101T101500123Z-3fa2}.
 *
 * <pre>{@code
 * String id = RunId.next(clock.instant(), random);   // "20260101T101500123Z-3fa2"
 * RunId.valid(id);                                    // true
 * RunId.started(id);                                  // 2026-01-01T10:15:00.123Z
 * }</pre>
 */
public final class RunId {

    /** What run ids look like (ids without milliseconds, from older versions, are read too); anything else is never looked up. */
    public static final Pattern PATTERN = Pattern.compile("[0-9]{8}T[0-9]{6}([0-9]{3})?Z-[0-9a-f]{4,16}");

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

    private RunId() {
    }

    /** A fresh run id for a run started at {@code started}. */
    public static String next(Instant started, Random random) {
        return FORMAT.format(started) + "-" + HexFormat.of().toHexDigits((short) random.nextInt());
    }

    public static boolean valid(String id) {
        return id != null && PATTERN.matcher(id).matches();
    }

    /** The start time encoded in a run id. */
    public static Instant started(String runId) {
        String t = runId;
        Instant second = Instant.parse(t.substring(0, 4) + "-" + t.substring(4, 6) + "-" + t.substring(6, 8) + "T" + t.substring(9, 11)
                + ":" + t.substring(11, 13) + ":" + t.substring(13, 15) + "Z");
        return t.charAt(15) == 'Z' ? second : second.plusMillis(Integer.parseInt(t.substring(15, 18)));
    }
}
