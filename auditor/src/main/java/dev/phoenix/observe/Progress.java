package dev.phoenix.observe;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * Counts members as they are discovered and probed, for a progress line.
 *
 * <pre>{@code
 * Progress p = new Progress((probed, discovered) -> console.update(probed, discovered));
 * }</pre>
 */
public final class Progress {

    private static final Progress NONE = new Progress(null);

    private final BiConsumer<Integer, Integer> sink;
    private final AtomicInteger discovered = new AtomicInteger();
    private final AtomicInteger probed = new AtomicInteger();

    /** @param sink called with (members probed, members discovered) after each member; may be null */
    public Progress(BiConsumer<Integer, Integer> sink) {
        this.sink = sink;
    }

    /** Counts nothing for anyone. */
    public static Progress none() {
        return NONE;
    }

    void discovered(int n) {
        if (this != NONE) {
            discovered.addAndGet(n);
        }
    }

    void probed() {
        if (sink != null) {
            sink.accept(probed.incrementAndGet(), discovered.get());
        }
    }
}
