package dev.phoenix.spi;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Asks again with exponential backoff until the answer is there, the asking fails, or the
 * deadline comes: waiting for a replacement to be in service, a command to finish, a container
 * to be healthy. Waits are Vert.x timers; nothing blocks.
 *
 * <pre>{@code
 * Poll.until(ctx, deadline, Duration.ofSeconds(1), Duration.ofSeconds(15), () -> describe(id).map(i ->
 *             i.running() ? Poll.done(i) : Poll.pending(id + " is " + i.state())))
 *     .recover(Poll.expired(last -> id + " was not running before the deadline (" + last + ")"));
 * }</pre>
 */
public final class Poll {

    private Poll() {
    }

    /**
     * What one attempt found: done with a value, or not yet, with a note of what it saw (for the
     * message when the deadline comes).
     */
    public record Step<T>(boolean done, T value, String status) {
        public Step {
            Objects.requireNonNull(status, "status");
        }
    }

    public static <T> Step<T> done(T value) {
        return new Step<>(true, value, "done");
    }

    public static <T> Step<T> pending(String status) {
        return new Step<>(false, null, status);
    }

    /** The deadline came before an attempt was done; {@link #lastStatus()} is what the last attempt saw. */
    public static final class Expired extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String lastStatus;

        Expired(String lastStatus) {
            super("gave up at the deadline: " + lastStatus, null, false, false);
            this.lastStatus = lastStatus;
        }

        public String lastStatus() {
            return lastStatus;
        }
    }

    /**
     * Runs {@code attempt} now and, while it is pending, again after {@code first}, then twice as
     * long each time up to {@code max}. Completes with the first done value; fails with the first
     * failed attempt, or with {@link Expired} when the next wait would end after {@code deadline}.
     *
     * @param deadline epoch milliseconds on {@code ctx.clock()}
     */
    public static <T> Future<T> until(ProviderContext ctx, long deadline, Duration first, Duration max,
                                      Supplier<Future<Step<T>>> attempt) {
        return next(ctx, deadline, Math.max(1, first.toMillis()), Math.max(1, max.toMillis()), attempt);
    }

    private static <T> Future<T> next(ProviderContext ctx, long deadline, long delay, long max, Supplier<Future<Step<T>>> attempt) {
        Future<Step<T>> tried;
        try {
            tried = attempt.get();
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        return tried.compose(step -> {
            if (step.done()) {
                return Future.succeededFuture(step.value());
            }
            if (ctx.clock().millis() + delay > deadline) {
                return Future.failedFuture(new Expired(step.status()));
            }
            return ctx.vertx().timer(delay).compose(v -> next(ctx, deadline, Math.min(delay * 2, max), max, attempt));
        });
    }

    /**
     * For {@code recover}: turns {@link Expired} into a failure with the caller's message (given
     * the last status) and passes every other failure through.
     */
    public static <T> Function<Throwable, Future<T>> expired(Function<String, String> message) {
        return e -> Future.failedFuture(e instanceof Expired x ? new IllegalStateException(message.apply(x.lastStatus())) : e);
    }
}
