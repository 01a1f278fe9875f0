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
 * @param expectedMembers how many members the group should have, from the config ({@code expected-members}); null
 *                        when it does not say (the provider, else the previous run, decides)
 */
public record GroupRuntime(String name, Fleet fleet, List<Probe> probes, FactFilter ignore, FactFilter identity,
                           Integer expectedMembers) {

    public GroupRuntime {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fleet, "fleet");
        probes = List.copyOf(probes);
    }

    /** A group whose config names no expected size. */
    public GroupRuntime(String name, Fleet fleet, List<Probe> probes, FactFilter ignore, FactFilter identity) {
        this(name, fleet, probes, ignore, identity, null);
    }
}
