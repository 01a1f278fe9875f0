package dev.phoenix.model;

import java.util.List;
import java.util.Objects;

/**
 * What one probe saw of one member: facts, or a failure as data.
 *
 * @param probe the probe instance name, e.g. {@code http:state}
 * @param facts facts observed (empty when failed)
 * @param error the failure, or {@code null} when the probe succeeded
 */
public record Observation(String probe, List<Fact> facts, ProbeError error) {

    public Observation {
        Objects.requireNonNull(probe, "probe");
        facts = List.copyOf(facts);
    }

    public static Observation ok(String probe, List<Fact> facts) {
        return new Observation(probe, facts, null);
    }

    public static Observation failed(String probe, String cause) {
        return new Observation(probe, List.of(), new ProbeError(probe, cause));
    }

    public boolean succeeded() {
        return error == null;
    }
}
