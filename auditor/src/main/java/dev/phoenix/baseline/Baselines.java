package dev.phoenix.baseline;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * The one writer of baselines: an audit's judgement, {@code baseline capture} and
 * {@code baseline accept}, and chaos adopting a new provenance's golden all change a group's
 * baselines through {@link #update}, and every decision a person takes is recorded through
 * {@link #record}.
 *
 * <p>An update is a compare-and-set: load the group's baselines with their version, apply the
 * change, and save only if nobody wrote them in between; otherwise load again and apply the change
 * again, so that two Phoenix processes auditing the same group (two configs covering halves of
 * it) never lose each other's members. The change must therefore be a function of the baselines
 * it is given (a judgement is).
 *
 * <pre>{@code
 * baselines.update("hosts", b -> DriftJudge.judge("hosts", observed, target, b, now))   // judged and saved
 *          .onSuccess(judgement -> ...);
 * baselines.record("hosts", List.of(acceptance));                                        // who decided what
 * }</pre>
 */
public final class Baselines {

    /** Compare-and-set attempts before giving up (the change is then not saved and the update fails). */
    static final int ATTEMPTS = 10;

    private final BaselineStore store;
    private final AcceptanceLog log;
    private final Vertx vertx;

    /** Baselines and their decision log kept in {@code objects}. */
    public static Baselines in(dev.phoenix.store.ObjectStore objects, dev.phoenix.spi.ProviderContext ctx) {
        return new Baselines(new ObjectBaselineStore(objects), new AcceptanceLog(objects, ctx.random("acceptance-log:" + ctx.clock().millis())),
                ctx.vertx());
    }

    /** @param vertx for the pause between two attempts */
    public Baselines(BaselineStore store, AcceptanceLog log, Vertx vertx) {
        this.store = store;
        this.log = log;
        this.vertx = vertx;
    }

    /**
     * Applies {@code change} to the group's stored baselines and saves them if it changed anything.
     *
     * @return what the last (saved) application of {@code change} returned
     */
    public <T> Future<T> update(String group, Function<GroupBaselines, T> change) {
        return attempt(group, change, 1);
    }

    private <T> Future<T> attempt(String group, Function<GroupBaselines, T> change, int attempt) {
        return store.loadVersioned(group).compose(loaded -> {
            T result;
            try {
                result = change.apply(loaded.baselines());
            } catch (RuntimeException e) {
                return Future.failedFuture(e);
            }
            return store.saveIf(loaded.baselines(), loaded.version()).compose(saved -> {
                if (saved) {
                    return Future.succeededFuture(result);
                }
                if (attempt >= ATTEMPTS) {
                    return Future.failedFuture(new IllegalStateException(store.describe() + "/" + group
                            + ".json kept changing under " + ATTEMPTS + " attempts to save the group's baselines"));
                }
                // another writer came first: apply the change again to what it wrote, after a short random pause
                Promise<Void> paused = Promise.promise();
                vertx.setTimer(ThreadLocalRandom.current().nextLong(5, 20L * attempt + 6), id -> paused.complete());
                return paused.future().compose(v -> attempt(group, change, attempt + 1));
            });
        });
    }

    /** The group's baselines as stored, to read (a change made to them is never saved). */
    public Future<GroupBaselines> read(String group) {
        return store.load(group);
    }

    /** Appends decisions people took to the group's decision log. */
    public Future<Void> record(String group, List<Acceptance> decisions) {
        return log.append(group, decisions);
    }

    /** Every decision recorded for {@code group}, oldest first. */
    public Future<List<Acceptance>> decisions(String group) {
        return log.list(group);
    }

    /** Groups that have baselines. */
    public Future<List<String>> groups() {
        return store.groups();
    }

    public String describe() {
        return store.describe();
    }
}
