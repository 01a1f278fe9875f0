package dev.phoenix.ssh;

import dev.phoenix.model.Member;
import dev.phoenix.model.MemberKind;
import dev.phoenix.model.Mutability;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One host of an inventory, as the ssh probe will reach it.
 *
 * @param name       the inventory hostname: the member's id and name
 * @param host       the address to connect to ({@code ansible_host}); the name when not given
 * @param port       the SSH port, or null for the probe's (else 22)
 * @param user       the login user, or null for the probe's
 * @param identity   a private key file, or null for the probe's
 * @param mutability the host's own mutability ({@code phoenix_mutability}), or null
 * @param attributes more attributes for URL templates and reports ({@code groups}, variables)
 */
public record InventoryHost(String name, String host, Integer port, String user, String identity, String mutability,
                            Map<String, String> attributes) {

    public InventoryHost {
        Objects.requireNonNull(name, "name");
        host = host == null || host.isBlank() ? name : host;
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /** The member this host is in {@code group}: mutable unless the group or the host says otherwise. */
    public Member member(String group, String provider, Optional<Mutability> groupMutability) {
        Map<String, String> attrs = new LinkedHashMap<>(attributes);
        attrs.put("host", host);
        attrs.put(ConnectionResolver.HOST, host);
        if (port != null) {
            attrs.put(ConnectionResolver.PORT, String.valueOf(port));
            attrs.put("port", String.valueOf(port));
        }
        if (user != null && !user.isBlank()) {
            attrs.put(ConnectionResolver.USER, user);
        }
        if (identity != null && !identity.isBlank()) {
            attrs.put(ConnectionResolver.IDENTITY, identity);
        }
        return new Member(name, name, group, provider, MemberKind.HOST,
                Mutability.resolve(mutability, groupMutability, Mutability.MUTABLE), false, "", attrs);
    }
}
