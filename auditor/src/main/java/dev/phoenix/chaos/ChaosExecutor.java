package dev.phoenix.chaos;

import dev.phoenix.fleet.Fleet;
import dev.phoenix.model.Member;
import io.vertx.core.Future;
import java.time.Duration;

/**
 * Carries out a termination. {@link #unleashed()} really terminates through the fleet;
 * {@link #leashed()} is its do-nothing twin for dry runs, which fails every call with
 * {@link Leashed} so that the experiment is recorded as SKIPPED.
 */
public interface ChaosExecutor {

    /** Terminates {@code victim} and completes with its replacement once in service. */
    Future<Member> replace(Fleet fleet, Member victim, Duration timeout);

    /** True for the do-nothing twin: nothing is recorded in the ledger and nothing is touched. */
    default boolean dryRun() {
        return false;
    }

    static ChaosExecutor unleashed() {
        return Fleet::replace;
    }

    static ChaosExecutor leashed() {
        return new ChaosExecutor() {
            @Override
            public Future<Member> replace(Fleet fleet, Member victim, Duration timeout) {
                return Future.failedFuture(new Leashed(victim.id()));
            }

            @Override
            public boolean dryRun() {
                return true;
            }
        };
    }

    /** Thrown by the leashed executor: nothing was touched. */
    final class Leashed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Leashed(String victim) {
            super("leashed dry run: would have replaced " + victim + " (set chaos.enabled and pass --unleash to inject)", null,
                    false, false);
        }
    }
}
