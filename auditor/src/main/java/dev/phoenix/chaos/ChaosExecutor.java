package dev.phoenix.chaos;

import dev.phoenix.fleet.Fleet;
import dev.phoenix.model.Member;
import io.vertx.core.Future;
import java.time.Duration;

/**
 * Carries out a termination. {@link #unleashed()} really terminates through the fleet;
 * {@link #leashed()} is its do-nothing twin for dry runs. The executor is chosen once per run and
 * decides whether the run is leashed: with the twin, the {@code unleashed} guard blocks every
 * experiment (recorded as SKIPPED, naming the would-be victim), and were it called anyway it
 * touches nothing and fails with {@link Leashed}.
 *
 * <pre>{@code
 * ChaosExecutor executor = unleash && settings.enabled() ? ChaosExecutor.unleashed() : ChaosExecutor.leashed();
 * executor.dryRun();                                           // true for the twin: the run is leashed
 * executor.replace(fleet, victim, Duration.ofMinutes(10))      // the replacement, in service
 *         .onSuccess(replacement -> ...);
 * }</pre>
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
