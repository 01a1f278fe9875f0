package dev.phoenix.observe;

import dev.phoenix.fleet.Fleet;
import dev.phoenix.model.FactFilter;
import dev.phoenix.probe.Probe;
import java.util.List;
import java.util.Objects;

/**
 * One configured group, built: its fleet, its probes and its fact rules.
 *
 * @param ignore   fact-key globs dropped before fingerprinting
 * @param identity fact-key globs excluded from the fingerprint (reported, never compared)
 */
public record GroupRuntime(String name, Fleet fleet, List<Probe> probes, FactFilter ignore, FactFilter identity) {

    public GroupRuntime {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fleet, "fleet");
        probes = List.copyOf(probes);
    }
}
