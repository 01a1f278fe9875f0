package dev.phoenix.config;

import dev.phoenix.spi.ConfigErrors;
import dev.phoenix.spi.Settings;
import java.time.Duration;
import java.util.List;

/**
 * The {@code probing:} section: how hard Phoenix may hit a fleet.
 *
 * <pre>{@code
 * probing: {concurrency: 64, loops: 2, timeout: 10s, targets: any}
 * }</pre>
 *
 * @param concurrency     probe calls in flight at once, across all groups
 * @param loops           event loops the probe calls are spread over (each is one core's worth of I/O);
 *                        default: the number of processors
 * @param timeout         deadline for one probe call; a probe that declares a longer deadline of its own
 *                        ({@link dev.phoenix.probe.Probe#deadline()}: exec, ssm-command) gets that instead
 * @param loopbackOnly    {@code targets: loopback}: only 127.0.0.0/8 may be contacted (tests, emulators); the
 *                        default when the AWS endpoint ({@code aws.endpoint}, else {@code AWS_ENDPOINT_URL}) is
 *                        on loopback, since the addresses an emulator reports for instances are fictional or
 *                        someone else's
 */
public record ProbingSettings(int concurrency, int loops, Duration timeout, boolean loopbackOnly) {

    public static final List<String> KEYS = List.of("concurrency", "loops", "timeout", "targets");

    /** Calls in flight by default: enough to keep two cores busy on loopback without overloading members. */
    public static final int DEFAULT_CONCURRENCY = 64;

    /** Event loops by default: one per processor, so that probing a large fleet uses every core. */
    public static final int DEFAULT_LOOPS = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 16));

    public static ProbingSettings defaults() {
        return new ProbingSettings(DEFAULT_CONCURRENCY, DEFAULT_LOOPS, Duration.ofSeconds(10), false);
    }

    static ProbingSettings parse(Settings s) {
        return parse(s, false);
    }

    /** The longest {@code probing.timeout}. */
    public static final Duration MAX_TIMEOUT = Duration.ofHours(1);

    /** @param loopbackByDefault {@code targets} defaults to {@code loopback} (AWS requests go to an emulator on loopback) */
    static ProbingSettings parse(Settings s, boolean loopbackByDefault) {
        ConfigErrors errors = new ConfigErrors();
        errors.check(() -> s.requireKeys(KEYS));
        String targets = errors.get(() -> {
            String text = s.string("targets", loopbackByDefault ? "loopback" : "any");
            if (!text.equals("any") && !text.equals("loopback")) {
                throw s.child("targets").error("expected any or loopback, found '" + text + "'");
            }
            return text;
        }, "any");
        ProbingSettings parsed = new ProbingSettings(
                errors.get(() -> s.integer("concurrency", DEFAULT_CONCURRENCY, 1, 100_000), DEFAULT_CONCURRENCY),
                errors.get(() -> s.integer("loops", DEFAULT_LOOPS, 1, 64), DEFAULT_LOOPS),
                errors.get(() -> s.duration("timeout", Duration.ofSeconds(10), Duration.ofMillis(1), MAX_TIMEOUT), Duration.ofSeconds(10)),
                targets.equals("loopback"));
        errors.throwIfAny();
        return parsed;
    }

    public ProbingSettings withConcurrency(int n) {
        return new ProbingSettings(n, loops, timeout, loopbackOnly);
    }
}
