package dev.phoenix.fakes;

import dev.phoenix.chaos.ChaosLedger;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A chaos ledger whose recordings hang until the test opens the gate: what a slow write to S3
 * looks like to the chaos phase. {@link #recording()} completes when the first recording starts,
 * so a test can act (engage the kill switch, stop the run) while it is in flight.
 */
public final class GatedChaosLedger implements ChaosLedger {

    private final Promise<String> recording = Promise.promise();
    private final Promise<Void> gate = Promise.promise();
    private final List<String> recorded = new ArrayList<>();

    @Override
    public Future<Map<String, Instant>> lastTerminations() {
        return Future.succeededFuture(Map.of());
    }

    @Override
    public synchronized Future<Optional<String>> claim(String group, String victim, Instant at, Duration minInterval) {
        recording.tryComplete(victim);
        return gate.future().map(v -> {
            synchronized (this) {
                recorded.add(victim);
            }
            return Optional.<String>empty();
        });
    }

    /** Completes with the victim once a recording has started. */
    public Future<String> recording() {
        return recording.future();
    }

    /** Lets every recording, waiting or to come, complete. */
    public void open() {
        gate.tryComplete();
    }

    /** Victims whose recording completed. */
    public synchronized List<String> recorded() {
        return List.copyOf(recorded);
    }
}
