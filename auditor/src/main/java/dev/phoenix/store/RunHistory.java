package dev.phoenix.store;

import dev.phoenix.report.Scorecard;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

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

    /**
     * What run ids look like ({@code 20260101T101500123Z-3fa2}; ids without milliseconds are read
     * too); anything else is never looked up.
     */
    Pattern RUN_ID = Pattern.compile("[0-9]{8}T[0-9]{6}([0-9]{3})?Z-[0-9a-f]{4,16}");

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
