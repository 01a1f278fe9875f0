package dev.phoenix.chaos;

import dev.phoenix.stop.StopCondition;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The guardrails of one chaos run, in one place: the full chain before an experiment, and the
 * last-moment check (the run's halt, the kill switch and the stop conditions) right before the
 * termination is requested. Fails closed: a guard that throws, a kill switch that cannot be
 * checked or a stop condition that cannot be evaluated blocks.
 *
 * <pre>{@code
 * chain.check(candidate, state).compose(block -> block.isPresent() ? skip(block.get()) : experiment.run(...));
 * chain.lastMoment(state)   // after the ledger claim: a stop or the kill switch may have come meanwhile
 * }</pre>
 */
final class GuardChain {

    /**
     * Why a guard stopped an experiment.
     *
     * @param groupWide      the block holds for every member of the group (stop drawing victims there)
     * @param countsAsVictim the blocked member still counts as a victim ({@code unleashed}: a dry run)
     */
    record Block(String guard, boolean groupWide, boolean countsAsVictim, String reason) {

        /** {@code not injecting: <guard>: <reason>}, as the scorecard says it. */
        String describe() {
            return "not injecting: " + guard + ": " + reason;
        }
    }

    private final List<Guard> guards;
    private final KillSwitch killSwitch;
    private final ChaosSettings settings;
    private final Clock clock;
    private final boolean unleashed;
    private final List<StopCondition> stopConditions;
    /** A condition that has not answered by then cannot be evaluated (each has a shorter timeout of its own). */
    static final long CHECK_TIMEOUT_SECONDS = 30;

    GuardChain(List<Guard> guards, KillSwitch killSwitch, ChaosSettings settings, Clock clock, boolean unleashed,
               List<StopCondition> stopConditions) {
        this.guards = List.copyOf(guards);
        this.stopConditions = List.copyOf(stopConditions);
        this.killSwitch = killSwitch;
        this.settings = settings;
        this.clock = clock;
        this.unleashed = unleashed;
    }

    /** Every guard, in order, against {@code candidate}: the first that objects, or empty. */
    Future<Optional<Block>> check(Candidate candidate, ChaosState state) {
        return Future.all(killSwitch(), stopConditions())
                .map(both -> {
                    Optional<String> kill = both.resultAt(0);
                    Optional<String> stop = both.resultAt(1);
                    GuardContext gc = new GuardContext(settings, clock.instant(), state.lastTerminations(), kill, state.victims(),
                            state.halt(), unleashed, stop);
                    for (Guard guard : guards) {
                        try {
                            Optional<String> reason = guard.check(candidate, gc);
                            if (reason.isPresent()) {
                                return Optional.of(new Block(guard.name(), guard.groupWide(), guard.countsAsVictim(), reason.get()));
                            }
                        } catch (Exception e) {
                            return Optional.of(new Block(guard.name(), true, false, "guard could not be evaluated (" + e.getMessage() + ")"));
                        }
                    }
                    return Optional.<Block>empty();
                });
    }

    /**
     * The run's halt and the kill switch, checked again right before the termination is requested;
     * the block names the guard that holds ({@code halt-after-failure} or {@code kill-switch}).
     */
    Future<Optional<Block>> lastMoment(ChaosState state) {
        Optional<String> stopped = state.halt();
        if (stopped.isPresent()) {
            return Future.succeededFuture(Optional.of(halted(stopped.get())));
        }
        return Future.all(killSwitch(), stopConditions()).map(both -> {
            Optional<String> kill = both.resultAt(0);
            Optional<String> stop = both.resultAt(1);
            if (kill.isPresent()) {
                return Optional.of(new Block("kill-switch", true, false, "kill switch engaged (" + kill.get() + ")"));
            }
            if (stop.isPresent()) {
                return Optional.of(new Block("stop-condition", true, false, stop.get()));
            }
            // the checks ran elsewhere: look at the halt once more, on this thread, just before replacing
            return state.halt().map(GuardChain::halted);
        });
    }

    /**
     * The first stop condition that trips or cannot be evaluated, as {@code <condition>: <why>}, or
     * empty when all are satisfied; never a failed future.
     */
    Future<Optional<String>> stopConditions() {
        if (stopConditions.isEmpty()) {
            return Future.succeededFuture(Optional.empty());
        }
        List<Future<Optional<String>>> checks = new ArrayList<>();
        for (StopCondition c : stopConditions) {
            Future<Optional<String>> f;
            try {
                f = c.check();
            } catch (RuntimeException e) {
                f = Future.failedFuture(e);
            }
            checks.add(f.timeout(CHECK_TIMEOUT_SECONDS, java.util.concurrent.TimeUnit.SECONDS)
                    .map(tripped -> tripped.map(why -> c.describe() + ": " + why))
                    .otherwise(e -> Optional.of(c.describe() + ": cannot be evaluated (" + dev.phoenix.spi.Errors.message(e) + ")")));
        }
        return Future.join(checks).map(x -> checks.stream().map(Future::result).flatMap(Optional::stream).findFirst());
    }

    private static Block halted(String reason) {
        return new Block("halt-after-failure", true, false, "the run was stopped (" + reason + ")");
    }

    /** Why the kill switch is engaged, or empty; one that cannot be checked counts as engaged. */
    private Future<Optional<String>> killSwitch() {
        return killSwitch.check()
                .recover(e -> Future.succeededFuture(Optional.of("kill switch could not be checked: " + e.getMessage())));
    }
}
