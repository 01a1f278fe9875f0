package dev.phoenix.cli;

import java.util.function.BiConsumer;

/** A one-line progress indicator on stderr for long runs, only when stderr is a terminal. */
final class Progress {

    private Progress() {
    }

    static BiConsumer<Integer, Integer> forConsole(App app) {
        if (System.console() == null || app.env.containsKey("CI")) {
            return null;
        }
        long[] last = {0};
        return (done, total) -> {
            long now = System.nanoTime();
            if (total >= 1000 && (now - last[0] > 200_000_000L || done.equals(total))) {
                last[0] = now;
                app.err.printf("\rprobed %d of %d members%s", done, total, done.equals(total) ? "\n" : "");
            }
        };
    }
}
