package dev.phoenix.history;

import dev.phoenix.report.RunId;
import dev.phoenix.report.Scorecard;
import dev.phoenix.json.Json;
import dev.phoenix.report.ScorecardJson;
import dev.phoenix.store.ObjectStore;
import dev.phoenix.store.WorkerPool;
import io.vertx.core.Future;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link RunHistory} in an {@link ObjectStore}: {@code runs/<id>/scorecard.json} is written first,
 * {@code runs/<id>/summary.json} second, so a run is listed only once its scorecard is whole.
 * Summaries never change once written and are cached, so listing costs one listing call. Whole
 * scorecards are turned into JSON and back on the worker pool ({@link WorkerPool}), never on the
 * event loop.
 */
public final class StoredRunHistory implements RunHistory {

    private static final Logger LOG = LoggerFactory.getLogger(StoredRunHistory.class);
    private static final String SUMMARY = "/summary.json";
    private static final String SCORECARD = "/scorecard.json";

    private final ObjectStore objects;
    private final HistorySettings retention;
    private final Clock clock;
    private final Map<String, RunSummary> cache = new ConcurrentHashMap<>();

    public StoredRunHistory(ObjectStore objects, HistorySettings retention, Clock clock) {
        this.objects = objects;
        this.retention = retention;
        this.clock = clock;
    }

    @Override
    public Future<Void> save(Scorecard scorecard) {
        String id = scorecard.runId();
        if (!RunId.valid(id)) {
            return Future.failedFuture(new IllegalArgumentException("not a Phoenix run id: '" + id + "'"));
        }
        RunSummary summary = RunSummary.of(scorecard);
        return WorkerPool.run(() -> {
                    return new byte[][] {ScorecardJson.bytes(scorecard), Json.mapper().writeValueAsBytes(summary)};
                })
                .compose(json -> objects.put("runs/" + id + SCORECARD, json[0])
                        .compose(v -> objects.put("runs/" + id + SUMMARY, json[1])))
                .onSuccess(v -> cache.put(id, summary))
                .compose(v -> prune(id).recover(e -> {
                    LOG.warn("history: pruning old runs in {} failed: {}", objects.describe(), e.getMessage());
                    return Future.succeededFuture();
                }));
    }

    @Override
    public Future<List<RunSummary>> list(int limit) {
        return ids().compose(ids -> {
            List<String> wanted = ids.subList(0, Math.min(limit, ids.size()));
            List<Future<Optional<RunSummary>>> loads = new ArrayList<>();
            for (String id : wanted) {
                loads.add(summary(id));
            }
            return Future.all(loads).map(x -> loads.stream().map(Future::result).flatMap(Optional::stream)
                    .sorted(Comparator.comparing(RunSummary::startedAt, Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
                            .reversed())
                    .toList());
        });
    }

    @Override
    public Future<Optional<Scorecard>> get(String runId) {
        if (!RunId.valid(runId)) {
            return Future.succeededFuture(Optional.empty());
        }
        return objects.get("runs/" + runId + SCORECARD).compose(found -> found.isEmpty() ? Future.succeededFuture(Optional.empty())
                : WorkerPool.run(() -> {
                    try {
                        return Optional.of(ScorecardJson.read(new ByteArrayInputStream(found.get())));
                    } catch (IOException e) {
                        throw new IllegalStateException("scorecard of run " + runId + " in " + objects.describe() + " is unreadable: "
                                + e.getMessage(), e);
                    }
                }));
    }

    @Override
    public Future<Optional<Scorecard>> latest() {
        return ids().compose(ids -> ids.isEmpty() ? Future.succeededFuture(Optional.empty()) : get(ids.get(0)));
    }

    @Override
    public String describe() {
        return objects.describe() + "/runs";
    }

    /** Ids of the runs whose summary exists, newest first (run ids sort by start time). */
    private Future<List<String>> ids() {
        return objects.list("runs/").map(keys -> keys.stream()
                .filter(k -> k.endsWith(SUMMARY))
                .map(k -> k.substring("runs/".length(), k.length() - SUMMARY.length()))
                .filter(RunId::valid)
                .sorted(Comparator.reverseOrder())
                .toList());
    }

    private Future<Optional<RunSummary>> summary(String id) {
        RunSummary cached = cache.get(id);
        if (cached != null) {
            return Future.succeededFuture(Optional.of(cached));
        }
        return objects.get("runs/" + id + SUMMARY).map(found -> found.map(bytes -> {
            try {
                RunSummary s = Json.mapper().readValue(bytes, RunSummary.class);
                cache.put(id, s);
                return s;
            } catch (IOException e) {
                LOG.warn("history: summary of run {} is unreadable, skipped: {}", id, e.getMessage());
                return null;
            }
        }));
    }

    private Future<Void> prune(String keepId) {
        return ids().compose(ids -> {
            Instant cutoff = retention.maxAge().isZero() ? null : clock.instant().minus(retention.maxAge());
            List<String> doomed = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                if (id.equals(keepId)) {
                    continue;
                }
                boolean tooMany = retention.keep() > 0 && i >= retention.keep();
                boolean tooOld = cutoff != null && RunId.started(id).isBefore(cutoff);
                if (tooMany || tooOld) {
                    doomed.add(id);
                }
            }
            Future<Void> chain = Future.succeededFuture();
            for (String id : doomed) {
                // the summary goes first: a run half-deleted is no longer listed
                chain = chain.compose(v -> objects.delete("runs/" + id + SUMMARY))
                        .compose(v -> objects.delete("runs/" + id + SCORECARD))
                        .onSuccess(v -> cache.remove(id));
            }
            if (!doomed.isEmpty()) {
                LOG.info("history: deleted {} old run(s) from {} (keep {}, max-age {})", doomed.size(), objects.describe(),
                        retention.keep(), retention.maxAge());
            }
            return chain;
        });
    }
}
