package dev.phoenix.history;

import dev.phoenix.report.Scorecard;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/**
 * Every run's scorecard, kept in the store under {@code runs/<runId>/} with a small summary beside
 * it, and pruned by count and age.
 *
 * <pre>{@code
 * RunHistory history = new StoredRunHistory(objects, HistorySettings.defaults(), clock);
 * history.save(scorecard)
 *        .compose(v -> history.list(20))      // newest first
 *        .onSuccess(runs -> ...);
 * }</pre>
 */
public interface RunHistory {

    /** Stores the scorecard (then its summary), then deletes runs beyond the retention. */
    Future<Void> save(Scorecard scorecard);

    /** The newest {@code limit} runs, newest first. */
    Future<List<RunSummary>> list(int limit);

    /** One run's scorecard. */
    Future<Optional<Scorecard>> get(String runId);

    /** The newest run's scorecard. */
    Future<Optional<Scorecard>> latest();

    String describe();
}
