package dev.phoenix.cli;

import java.io.PrintStream;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/** A one-line progress indicator on stderr for long runs, only when stderr is a terminal. */
final class Progress {

    /** Fleets smaller than this finish before a progress line would help. */
    static final int MIN_MEMBERS = 1000;
    private static final long EVERY_NANOS = 200_000_000L;

    private Progress() {
    }

    /** The progress line for this console, or null when it is not a terminal (or under CI). */
    static BiConsumer<Integer, Integer> forConsole(App app) {
        if (System.console() == null || app.env.containsKey("CI")) {
            return null;
        }
        return line(app.err, System::nanoTime);
    }

    /**
     * Rewrites {@code probed D of T members} in place (carriage return) at most every 200 ms, and
     * ends the line when the last member is done; nothing for fewer than {@link #MIN_MEMBERS}.
     */
    static BiConsumer<Integer, Integer> line(PrintStream err, LongSupplier nanos) {
        long[] last = {Long.MIN_VALUE};
        return (done, total) -> {
            long now = nanos.getAsLong();
            if (total >= MIN_MEMBERS && (last[0] == Long.MIN_VALUE || now - last[0] > EVERY_NANOS || done.equals(total))) {
                last[0] = now;
                err.printf("\rprobed %d of %d members%s", done, total, done.equals(total) ? "\n" : "");
            }
        };
    }
}
