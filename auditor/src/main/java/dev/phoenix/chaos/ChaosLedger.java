package dev.phoenix.chaos;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * When each group last had a member terminated, persisted so that {@code min-interval} holds
 * across restarts and across Phoenix processes sharing one store. A termination is claimed
 * before it is requested; if the claim fails or is refused, nothing is terminated.
 *
 * <pre>{@code
 * ChaosLedger ledger = new ObjectChaosLedger(new LocalObjectStore(Path.of(".phoenix"), ctx.blocking()), vertx);
 * ledger.claim("web", "i-0abc", clock.instant(), Duration.ofHours(1))   // first: a failure means no termination
 *       .compose(refused -> refused.isPresent() ? skip(refused.get()) : fleet.replace(victim, timeout));
 * ledger.lastTerminations().map(last -> last.get("web"));             // what min-interval counts from
 * }</pre>
 */
public interface ChaosLedger {

    Future<Map<String, Instant>> lastTerminations();

    /**
     * Records a termination in {@code group} at {@code at}, unless the ledger as it stands now
     * (another process may have written it since {@link #lastTerminations()}) holds one in that
     * group less than {@code minInterval} before: then nothing is recorded and the result says
     * why. Another process's recording in the meantime is never lost.
     */
    Future<Optional<String>> claim(String group, String victim, Instant at, Duration minInterval);
}
