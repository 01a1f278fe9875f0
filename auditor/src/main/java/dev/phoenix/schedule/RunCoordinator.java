package dev.phoenix.schedule;

import dev.phoenix.history.RunHistory;
import dev.phoenix.report.RunId;
import dev.phoenix.report.Scorecard;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts runs for the scheduler and the API, one at a time, and records each in the history.
 * A run is refused while another of the same kind is running or waiting; a run of the other
 * kind waits for the one in progress (two runs never update a group's baselines at once).
 * A run that ends without a recorded scorecard (its launch failed, the store refused it, the
 * daemon stopped before it started) is kept in memory, the last {@value #FAILED_KEPT}, so that
 * whoever started it can see why ({@link #failed(String)}).
 *
 * <p>A verticle: its state changes only on its own context (no locks); what the API and
 * {@code /metrics} read is an immutable snapshot published after every change.
 *
 * <pre>{@code
 * RunCoordinator runs = new RunCoordinator(clock, random, launcher, history);
 * vertx.deployVerticle(runs)
 *      .compose(id -> runs.trigger(RunKind.AUDIT, "api"))
 *      .onSuccess(t -> { if (t.accepted()) t.done().onSuccess(scorecard -> ...); else LOG.warn(t.reason()); });
 * }</pre>
 */
public final class RunCoordinator extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(RunCoordinator.class);
    /** Failed runs kept for the API. */
    public static final int FAILED_KEPT = 20;

    /** Runs one audit; completes with its scorecard, marked incomplete when {@code cut} ended it early. */
    @FunctionalInterface
    public interface Launcher {
        Future<Scorecard> run(String runId, RunKind kind, Future<Void> cut);
    }

    /**
     * A run that was accepted and has not finished.
     *
     * @param startedAt null while it waits for a run of the other kind
     */
    public record ActiveRun(String runId, RunKind kind, String trigger, Instant requestedAt, Instant startedAt) {
    }

    /**
     * A run that was accepted and ended without a scorecard in the history.
     *
     * @param startedAt null when it never started (the daemon stopped while it waited)
     * @param error     why, in one line
     */
    public record FailedRun(String runId, RunKind kind, String trigger, Instant requestedAt, Instant startedAt, Instant failedAt,
                            String error) {
    }

    /** Why {@link #trigger} refused a run. */
    public enum Refusal {
        /** Phoenix is shutting down: no run starts any more. */
        SHUTTING_DOWN,
        /** A run of the same kind is in progress or waiting. */
        BUSY
    }

    /**
     * What {@link #trigger} answered.
     *
     * @param runId   the accepted run's id, or null
     * @param refusal why the run was refused, or null when it was accepted
     * @param reason  the refusal for people, or null
     * @param done    completes once the run is recorded in the history
     */
    public record Trigger(String runId, Refusal refusal, String reason, Future<Scorecard> done) {
        public boolean accepted() {
            return refusal == null;
        }
    }

    /** What readers see: replaced whole after every change on the coordinator's context. */
    private record View(List<ActiveRun> active, List<FailedRun> failed, RunStats stats) {
    }

    private final Clock clock;
    private final Random random;
    private final Launcher launcher;
    private final RunHistory history;
    // confined to the verticle's context
    private final Map<RunKind, ActiveRun> active = new EnumMap<>(RunKind.class);
    private final Map<String, Promise<Void>> cuts = new HashMap<>();
    private final Deque<FailedRun> failed = new ArrayDeque<>();
    private RunStats stats = RunStats.empty();
    private Future<Void> tail = Future.succeededFuture();
    private boolean shuttingDown;
    private volatile View view = new View(List.of(), List.of(), RunStats.empty());

    public RunCoordinator(Clock clock, Random random, Launcher launcher, RunHistory history) {
        this.clock = clock;
        this.random = random;
        this.launcher = launcher;
        this.history = history;
    }

    @Override
    public Future<?> start() {
        return Future.succeededFuture();
    }

    /** Starts a run of {@code kind} as soon as no other run is in progress, or refuses it. */
    public Future<Trigger> trigger(RunKind kind, String trigger) {
        return onContext(() -> {
            if (shuttingDown) {
                return new Trigger(null, Refusal.SHUTTING_DOWN, "Phoenix is shutting down", Future.failedFuture("shutting down"));
            }
            ActiveRun running = active.get(kind);
            if (running != null) {
                stats = stats.skipped(kind);
                publish();
                return new Trigger(null, Refusal.BUSY, "a " + kind.label() + " run is still in progress (" + running.runId() + ", "
                        + (running.startedAt() == null ? "waiting" : "started at " + running.startedAt()) + ")",
                        Future.failedFuture("refused"));
            }
            Instant now = clock.instant();
            String id = RunId.next(now, random);
            ActiveRun run = new ActiveRun(id, kind, trigger, now, null);
            active.put(kind, run);
            publish();
            Promise<Scorecard> done = Promise.promise();
            LOG.info("run {} ({}, {}) accepted", id, kind.label(), trigger);
            tail = tail.transform(x -> start(run).onComplete(done).<Void>mapEmpty().otherwiseEmpty());
            return new Trigger(id, null, null, done.future());
        });
    }

    private Future<Scorecard> start(ActiveRun waiting) {
        if (shuttingDown) {
            active.remove(waiting.kind());
            String error = "Phoenix shut down before run " + waiting.runId() + " started";
            recordFailure(waiting, null, error);
            return Future.failedFuture(error);
        }
        Promise<Void> cut = Promise.promise();
        ActiveRun run = new ActiveRun(waiting.runId(), waiting.kind(), waiting.trigger(), waiting.requestedAt(), clock.instant());
        active.put(run.kind(), run);
        cuts.put(run.runId(), cut);
        publish();
        LOG.info("run {} ({}) started", run.runId(), run.kind().label());
        Future<Scorecard> launched;
        try {
            launched = launcher.run(run.runId(), run.kind(), cut.future());
        } catch (RuntimeException e) {
            launched = Future.failedFuture(e);
        }
        return launched
                .compose(card -> history.save(card).map(card).recover(e -> {
                    String error = "the scorecard could not be recorded in " + history.describe() + ": " + message(e);
                    LOG.error("run {}: {}", run.runId(), error);
                    recordFailure(run, run.startedAt(), error);
                    return Future.succeededFuture(card);
                }))
                .onComplete(ar -> {
                    active.remove(run.kind());
                    cuts.remove(run.runId());
                    if (ar.succeeded()) {
                        Scorecard s = ar.result();
                        stats = stats.finished(run.kind(), s);
                        LOG.info("run {} ({}) {}: score {} ({}), {} members, {} findings, {} chaos experiments", run.runId(),
                                run.kind().label(), s.complete() ? "finished" : "cut short", s.score().overall(), s.score().grade(),
                                s.members().size(), s.findingCount(), s.chaos().size());
                    } else {
                        String error = message(ar.cause());
                        stats = stats.failed(run.kind(), error);
                        recordFailure(run, run.startedAt(), error);
                        LOG.error("run {} ({}) failed: {}", run.runId(), run.kind().label(), error);
                    }
                    publish();
                });
    }

    private void recordFailure(ActiveRun run, Instant startedAt, String error) {
        failed.addFirst(new FailedRun(run.runId(), run.kind(), run.trigger(), run.requestedAt(), startedAt, clock.instant(), error));
        while (failed.size() > FAILED_KEPT) {
            failed.removeLast();
        }
        publish();
    }

    private void publish() {
        view = new View(List.copyOf(active.values()), List.copyOf(failed), stats);
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** The last failed runs, newest first. */
    public List<FailedRun> failed() {
        return view.failed();
    }

    /** A failed run among the last {@value #FAILED_KEPT}. */
    public Optional<FailedRun> failed(String runId) {
        return view.failed().stream().filter(f -> f.runId().equals(runId)).findFirst();
    }

    /** Runs accepted and not yet finished. */
    public List<ActiveRun> active() {
        return view.active();
    }

    public Optional<ActiveRun> active(String runId) {
        return view.active().stream().filter(r -> r.runId().equals(runId)).findFirst();
    }

    public RunStats stats() {
        return view.stats();
    }

    public RunHistory history() {
        return history;
    }

    /**
     * Refuses new runs, drops waiting ones, and gives the run in progress until {@code deadline}
     * to finish; then it is cut and recorded as incomplete. Completes once it is recorded.
     */
    public Future<Void> shutdown(Duration deadline) {
        return onContext(() -> {
            shuttingDown = true;
            List<Promise<Void>> running = List.copyOf(cuts.values());
            if (running.isEmpty()) {
                return tail;
            }
            LOG.warn("shutting down: waiting up to {} for the run in progress, then cutting it short", deadline);
            long timer = vertx.setTimer(Math.max(1, deadline.toMillis()), id -> running.forEach(Promise::tryComplete));
            return tail.onComplete(x -> vertx.cancelTimer(timer));
        }).compose(f -> f);
    }

    /** Runs {@code change} on the coordinator's context. */
    private <T> Future<T> onContext(Supplier<T> change) {
        Context own = context;
        if (own == null) {
            return Future.failedFuture(new IllegalStateException("the run coordinator is not deployed"));
        }
        Promise<T> promise = Promise.promise();
        own.runOnContext(v -> {
            try {
                promise.complete(change.get());
            } catch (RuntimeException e) {
                promise.fail(e);
            }
        });
        return promise.future();
    }
}
