package dev.phoenix.schedule;

import dev.phoenix.report.ChaosResult;
import dev.phoenix.report.ChaosVerdict;
import dev.phoenix.report.Scorecard;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Counters for {@code /metrics}, across the runs of this process: an immutable value, replaced
 * whole by the coordinator after every run, so readers never lock.
 *
 * <pre>{@code
 * RunStats stats = coordinator.stats();
 * stats.results(RunKind.AUDIT).complete();       // audits that finished
 * stats.durations(RunKind.CHAOS).lastSeconds();  // how long the last chaos run took
 * }</pre>
 *
 * @param lastFailure the last run's failure, for people; null when none failed
 */
public record RunStats(Map<RunKind, Results> results, Map<RunKind, Durations> durations, Map<ChaosVerdict, Long> verdicts,
                       Durations timeToReplace, String lastFailure) {

    public RunStats {
        results = Map.copyOf(results);
        durations = Map.copyOf(durations);
        verdicts = Map.copyOf(verdicts);
    }

    /** Runs of one kind by how they ended. */
    public record Results(long complete, long incomplete, long failed, long skipped) {
        static final Results NONE = new Results(0, 0, 0, 0);
    }

    /** A sum of seconds, how many, and the last. */
    public record Durations(double sumSeconds, long count, double lastSeconds) {
        static final Durations NONE = new Durations(0, 0, 0);

        Durations plus(double seconds) {
            return new Durations(sumSeconds + seconds, count + 1, seconds);
        }
    }

    public static RunStats empty() {
        return new RunStats(Map.of(), Map.of(), Map.of(), Durations.NONE, null);
    }

    public Results results(RunKind kind) {
        return results.getOrDefault(kind, Results.NONE);
    }

    public Durations durations(RunKind kind) {
        return durations.getOrDefault(kind, Durations.NONE);
    }

    public long verdicts(ChaosVerdict verdict) {
        return verdicts.getOrDefault(verdict, 0L);
    }

    public Optional<String> lastError() {
        return Optional.ofNullable(lastFailure);
    }

    RunStats skipped(RunKind kind) {
        Results r = results(kind);
        return withResults(kind, new Results(r.complete(), r.incomplete(), r.failed(), r.skipped() + 1), lastFailure);
    }

    RunStats failed(RunKind kind, String error) {
        Results r = results(kind);
        return withResults(kind, new Results(r.complete(), r.incomplete(), r.failed() + 1, r.skipped()), error);
    }

    RunStats finished(RunKind kind, Scorecard s) {
        Results r = results(kind);
        RunStats next = withResults(kind, s.complete() ? new Results(r.complete() + 1, r.incomplete(), r.failed(), r.skipped())
                : new Results(r.complete(), r.incomplete() + 1, r.failed(), r.skipped()), lastFailure);
        Map<RunKind, Durations> d = new EnumMap<>(RunKind.class);
        d.putAll(durations);
        if (s.startedAt() != null && s.finishedAt() != null) {
            d.put(kind, durations(kind).plus(Duration.between(s.startedAt(), s.finishedAt()).toMillis() / 1000.0));
        }
        Map<ChaosVerdict, Long> v = new EnumMap<>(ChaosVerdict.class);
        v.putAll(verdicts);
        Durations replace = timeToReplace;
        for (ChaosResult c : s.chaos()) {
            v.merge(c.verdict(), 1L, Long::sum);
            if (c.timeToReplaceMs() != null) {
                replace = replace.plus(c.timeToReplaceMs() / 1000.0);
            }
        }
        return new RunStats(next.results, d, v, replace, lastFailure);
    }

    private RunStats withResults(RunKind kind, Results r, String error) {
        Map<RunKind, Results> m = new EnumMap<>(RunKind.class);
        m.putAll(results);
        m.put(kind, r);
        return new RunStats(m, durations, verdicts, timeToReplace, error);
    }
}
