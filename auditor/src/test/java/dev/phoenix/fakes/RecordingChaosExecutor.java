package dev.phoenix.fakes;

import dev.phoenix.chaos.ChaosExecutor;
import dev.phoenix.fleet.Fleet;
import dev.phoenix.model.Member;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A chaos executor that records which victims it was asked to replace and terminates nothing:
 * it asks the (fake) fleet for a replacement, or fails for victims listed in {@link #failFor}.
 * {@link #leashed()} is its dry-run twin: it records calls too, and fails every one.
 */
public final class RecordingChaosExecutor implements ChaosExecutor {

    private final List<String> calls = new ArrayList<>();
    private final Set<String> failFor;
    private final boolean dryRun;

    public RecordingChaosExecutor() {
        this(Set.of());
    }

    /** @param failFor victims whose replacement fails (REPLACEMENT_FAILED) */
    public RecordingChaosExecutor(Set<String> failFor) {
        this(failFor, false);
    }

    private RecordingChaosExecutor(Set<String> failFor, boolean dryRun) {
        this.failFor = Set.copyOf(failFor);
        this.dryRun = dryRun;
    }

    /** A leashed executor that records the calls it should never get. */
    public static RecordingChaosExecutor leashed() {
        return new RecordingChaosExecutor(Set.of(), true);
    }

    @Override
    public boolean dryRun() {
        return dryRun;
    }

    /** Runs before each replacement is requested (e.g. a delay, or a health endpoint going bad meanwhile). */
    public volatile java.util.function.Function<Member, Future<Void>> beforeReplace = m -> Future.succeededFuture();

    @Override
    public Future<Member> replace(Fleet fleet, Member victim, Duration timeout) {
        return beforeReplace.apply(victim).compose(v -> record(fleet, victim, timeout));
    }

    private synchronized Future<Member> record(Fleet fleet, Member victim, Duration timeout) {
        calls.add(victim.id());
        if (dryRun) {
            return Future.failedFuture(new Leashed(victim.id()));
        }
        if (failFor.contains(victim.id())) {
            return Future.failedFuture("no capacity to launch a replacement for " + victim.id());
        }
        return fleet.replace(victim, timeout);
    }

    /** Victims the executor was asked to replace, in order. */
    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }
}
