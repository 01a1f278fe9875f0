package dev.phoenix.chaos;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.Map;

/**
 * When each group last had a member terminated, persisted so that {@code min-interval} holds
 * across restarts. A termination is recorded before it is requested; if recording fails, nothing
 * is terminated.
 *
 * <pre>{@code
 * ChaosLedger ledger = new ObjectChaosLedger(new LocalObjectStore(Path.of(".phoenix"), ctx.blocking()));
 * ledger.recordTermination("web", "i-0abc", clock.instant())     // first: a failure means no termination
 *       .compose(v -> fleet.replace(victim, timeout));
 * ledger.lastTerminations().map(last -> last.get("web"));        // what min-interval counts from
 * }</pre>
 */
public interface ChaosLedger {

    Future<Map<String, Instant>> lastTerminations();

    Future<Void> recordTermination(String group, String victim, Instant at);
}
