package dev.phoenix.model;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One member of a fleet as discovered by a {@link dev.phoenix.fleet.Fleet}.
 *
 * @param id          provider identity (instance id, container id, host name)
 * @param name        the name people use for it (container name, EC2 {@code Name} tag, inventory hostname);
 *                    the id when the provider has none
 * @param group       the configured group the member was discovered for
 * @param provider    provider name, e.g. {@code aws}, {@code docker}, {@code simulated}
 * @param kind        instance, container or host
 * @param mutability  effective mutability (tag &gt; group config &gt; provider default)
 * @param chaosOptIn  whether the member is opted into chaos: resolved once by its fleet from the configured
 *                    tag or label ({@link ChaosOptIn}), or from the provider's own setting
 * @param provenance  what the member was built from (AMI and launch-template version,
 *                    image digest, simulated image version); baselines are tied to it
 * @param attributes  tags, labels and addresses; used by URL templates ({@code {privateIp}},
 *                    {@code {tag:Name}}) and shown in reports
 * @param down        why the member is not in service although its fleet lists it (a stopped container
 *                    and its exit code, a stopped instance, an instance unknown to EC2); null when it is.
 *                    Such a member is not probed: it is UNREACHABLE with this reason
 */
public record Member(
        String id,
        String name,
        String group,
        String provider,
        MemberKind kind,
        Mutability mutability,
        boolean chaosOptIn,
        String provenance,
        Map<String, String> attributes,
        String down) {

    public Member {
        Objects.requireNonNull(id, "id");
        name = name == null || name.isBlank() ? id : name;
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(mutability, "mutability");
        provenance = provenance == null ? "" : provenance;
        attributes = attributes == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(attributes));
        down = down == null || down.isBlank() ? null : down;
    }

    /** A member in service. */
    public Member(String id, String name, String group, String provider, MemberKind kind, Mutability mutability, boolean chaosOptIn,
                  String provenance, Map<String, String> attributes) {
        this(id, name, group, provider, kind, mutability, chaosOptIn, provenance, attributes, null);
    }

    /** A member whose name is its id. */
    public Member(String id, String group, String provider, MemberKind kind, Mutability mutability, boolean chaosOptIn,
                  String provenance, Map<String, String> attributes) {
        this(id, id, group, provider, kind, mutability, chaosOptIn, provenance, attributes, null);
    }

    /** The same member under another name. */
    public Member withName(String newName) {
        return new Member(id, newName, group, provider, kind, mutability, chaosOptIn, provenance, attributes, down);
    }

    /** The same member, listed by its fleet but not in service, for {@code reason}. */
    public Member notInService(String reason) {
        return new Member(id, name, group, provider, kind, mutability, chaosOptIn, provenance, attributes, reason);
    }

    /** Whether the member is in service (its fleet says nothing against it). */
    public boolean inService() {
        return down == null;
    }

    /** An attribute value, or {@code null}. */
    public String attribute(String name) {
        return attributes.get(name);
    }

    public boolean immutable() {
        return mutability == Mutability.IMMUTABLE;
    }
}
