package dev.phoenix.schedule;

import dev.phoenix.report.ChaosResult;
import dev.phoenix.report.Scorecard;
import dev.phoenix.history.RunHistory;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
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
 * <pre>{@code
 * RunCoordinator runs = new RunCoordinator(vertx, clock, random, launcher, history);
 * RunCoordinator.Trigger t = runs.trigger(RunKind.AUDIT, "api");
 * if (t.accepted()) t.done().onSuccess(scorecard -> ...); else LOG.warn(t.reason());
 * }</pre>
 */
public final class RunCoordinator {

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

    private final Vertx vertx;
    private final Clock clock;
    private final Random random;
    private final Launcher launcher;
    private final RunHistory history;
    private final Map<RunKind, ActiveRun> active = new EnumMap<>(RunKind.class);
    private final Map<String, Promise<Void>> cuts = new java.util.HashMap<>();
    private final java.util.Deque<FailedRun> failed = new java.util.ArrayDeque<>();
    private final RunStats stats = new RunStats();
    private Future<Void> tail = Future.succeededFuture();
    private boolean shuttingDown;

    public RunCoordinator(Vertx vertx, Clock clock, Random random, Launcher launcher, RunHistory history) {
        this.vertx = vertx;
        this.clock = clock;
        this.random = random;
        this.launcher = launcher;
        this.history = history;
    }

    /** Starts a run of {@code kind} as soon as no other run is in progress, or refuses it. */
    public synchronized Trigger trigger(RunKind kind, String trigger) {
        if (shuttingDown) {
            return new Trigger(null, Refusal.SHUTTING_DOWN, "Phoenix is shutting down", Future.failedFuture("shutting down"));
        }
        ActiveRun running = active.get(kind);
        if (running != null) {
            stats.skipped(kind);
            return new Trigger(null, Refusal.BUSY, "a " + kind.label() + " run is still in progress (" + running.runId() + ", "
                    + (running.startedAt() == null ? "waiting" : "started at " + running.startedAt()) + ")",
                    Future.failedFuture("refused"));
        }
        Instant now = clock.instant();
        String id = dev.phoenix.report.RunId.next(now, random);
        ActiveRun run = new ActiveRun(id, kind, trigger, now, null);
        active.put(kind, run);
        Promise<Scorecard> done = Promise.promise();
        LOG.info("run {} ({}, {}) accepted", id, kind.label(), trigger);
        tail = tail.transform(x -> start(run).onComplete(done).<Void>mapEmpty().otherwiseEmpty());
        return new Trigger(id, null, null, done.future());
    }

    private Future<Scorecard> start(ActiveRun waiting) {
        Promise<Void> cut = Promise.promise();
        ActiveRun run;
        synchronized (this) {
            if (shuttingDown) {
                active.remove(waiting.kind());
                String error = "Phoenix shut down before run " + waiting.runId() + " started";
                recordFailure(waiting, null, error);
                return Future.failedFuture(error);
            }
            run = new ActiveRun(waiting.runId(), waiting.kind(), waiting.trigger(), waiting.requestedAt(), clock.instant());
            active.put(run.kind(), run);
            cuts.put(run.runId(), cut);
        }
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
                    synchronized (this) {
                        active.remove(run.kind());
                        cuts.remove(run.runId());
                    }
                    if (ar.succeeded()) {
                        Scorecard s = ar.result();
                        stats.finished(run.kind(), s);
                        LOG.info("run {} ({}) {}: score {} ({}), {} members, {} findings, {} chaos experiments", run.runId(),
                                run.kind().label(), s.complete() ? "finished" : "cut short", s.score().overall(), s.score().grade(),
                                s.members().size(), s.findingCount(), s.chaos().size());
                    } else {
                        String error = message(ar.cause());
                        stats.failed(run.kind(), error);
                        recordFailure(run, run.startedAt(), error);
                        LOG.error("run {} ({}) failed: {}", run.runId(), run.kind().label(), error);
                    }
                });
    }

    private synchronized void recordFailure(ActiveRun run, Instant startedAt, String error) {
        failed.addFirst(new FailedRun(run.runId(), run.kind(), run.trigger(), run.requestedAt(), startedAt, clock.instant(), error));
        while (failed.size() > FAILED_KEPT) {
            failed.removeLast();
        }
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** The last failed runs, newest first. */
    public synchronized List<FailedRun> failed() {
        return List.copyOf(failed);
    }

    /** A failed run among the last {@value #FAILED_KEPT}. */
    public synchronized Optional<FailedRun> failed(String runId) {
        return failed.stream().filter(f -> f.runId().equals(runId)).findFirst();
    }

    /** Runs accepted and not yet finished. */
    public synchronized List<ActiveRun> active() {
        return List.copyOf(new ArrayList<>(active.values()));
    }

    public synchronized Optional<ActiveRun> active(String runId) {
        return active.values().stream().filter(r -> r.runId().equals(runId)).findFirst();
    }

    public RunStats stats() {
        return stats;
    }

    public RunHistory history() {
        return history;
    }

    /**
     * Refuses new runs, drops waiting ones, and gives the run in progress until {@code deadline}
     * to finish; then it is cut and recorded as incomplete. Completes once it is recorded.
     */
    public Future<Void> shutdown(Duration deadline) {
        List<Promise<Void>> running;
        Future<Void> last;
        synchronized (this) {
            shuttingDown = true;
            running = List.copyOf(cuts.values());
            last = tail;
        }
        if (running.isEmpty()) {
            return last;
        }
        LOG.warn("shutting down: waiting up to {} for the run in progress, then cutting it short", deadline);
        long timer = vertx.setTimer(Math.max(1, deadline.toMillis()), id -> running.forEach(p -> p.tryComplete()));
        return last.onComplete(x -> vertx.cancelTimer(timer));
    }

    /** Counters for {@code /metrics}, across the runs of this process. */
    public static final class RunStats {

        private final Map<RunKind, long[]> results = new EnumMap<>(RunKind.class); // complete, incomplete, failed, skipped
        private final Map<RunKind, double[]> durations = new EnumMap<>(RunKind.class); // sum, count, last
        private final Map<String, Long> verdicts = new java.util.TreeMap<>();
        private double replaceSum;
        private long replaceCount;
        private String lastError;

        synchronized void skipped(RunKind kind) {
            results.computeIfAbsent(kind, k -> new long[4])[3]++;
        }

        synchronized void failed(RunKind kind, String error) {
            results.computeIfAbsent(kind, k -> new long[4])[2]++;
            lastError = error;
        }

        synchronized void finished(RunKind kind, Scorecard s) {
            results.computeIfAbsent(kind, k -> new long[4])[s.complete() ? 0 : 1]++;
            if (s.startedAt() != null && s.finishedAt() != null) {
                double seconds = Duration.between(s.startedAt(), s.finishedAt()).toMillis() / 1000.0;
                double[] d = durations.computeIfAbsent(kind, k -> new double[3]);
                d[0] += seconds;
                d[1]++;
                d[2] = seconds;
            }
            for (ChaosResult c : s.chaos()) {
                verdicts.merge(c.verdict().name(), 1L, Long::sum);
                if (c.timeToReplaceMs() != null) {
                    replaceSum += c.timeToReplaceMs() / 1000.0;
                    replaceCount++;
                }
            }
        }

        /** Runs of {@code kind} by result: complete, incomplete, failed, skipped. */
        public synchronized long[] results(RunKind kind) {
            return results.getOrDefault(kind, new long[4]).clone();
        }

        /** Seconds of the runs of {@code kind}: sum, count, last. */
        public synchronized double[] durations(RunKind kind) {
            return durations.getOrDefault(kind, new double[3]).clone();
        }

        public synchronized Map<String, Long> verdicts() {
            return Map.copyOf(verdicts);
        }

        /** Time to replacement across experiments: sum of seconds and count. */
        public synchronized double[] timeToReplace() {
            return new double[] {replaceSum, replaceCount};
        }

        public synchronized Optional<String> lastError() {
            return Optional.ofNullable(lastError);
        }
    }
}
