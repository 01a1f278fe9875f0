package dev.phoenix.ssh;

import dev.phoenix.fleet.Fleet;
import dev.phoenix.model.Member;
import dev.phoenix.model.Mutability;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * The hosts of an inventory (an ssh source's list or file, an Ansible inventory and pattern), read
 * again at each discovery. Hosts are patched in place, not rebuilt: they are mutable unless the
 * group or a host says otherwise, and Phoenix cannot replace them.
 *
 * <pre>{@code
 * HostFleet fleet = ...;                       // built by the ssh or ansible source
 * fleet.discover().onSuccess(members -> ...);
 * fleet.expectedSize();                        // Optional[6]: the inventory's host count, for guardrails
 * }</pre>
 */
public final class HostFleet implements Fleet {

    private final String group;
    private final String provider;
    private final Optional<Mutability> mutability;
    private final Supplier<Future<List<InventoryHost>>> hosts;
    private volatile OptionalInt expected = OptionalInt.empty();

    public HostFleet(String group, String provider, Optional<Mutability> mutability, Supplier<Future<List<InventoryHost>>> hosts) {
        this.group = group;
        this.provider = provider;
        this.mutability = mutability;
        this.hosts = hosts;
    }

    @Override
    public String provider() {
        return provider;
    }

    @Override
    public Future<List<Member>> discover() {
        return hosts.get().map(list -> {
            expected = OptionalInt.of(list.size());
            return list.stream().map(h -> h.member(group, provider, mutability)).toList();
        });
    }

    /**
     * How many members the group should have: its inventory's host count, as of the last
     * {@link #discover()} (empty before). An inventory host that does not answer is still expected.
     */
    @Override
    public java.util.Optional<Integer> expectedSize() {
        return expected.isPresent() ? java.util.Optional.of(expected.getAsInt()) : java.util.Optional.empty();
    }

    @Override
    public Future<Member> replace(Member victim, Duration timeout) {
        return Future.failedFuture(victim.name() + " is a host of an inventory: Phoenix cannot rebuild it; "
                + "whoever manages it must (hosts are mutable and audited against their own baseline)");
    }
}
