package dev.phoenix.cluster;

import dev.phoenix.spi.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@code cluster:} section: how {@code phoenix serve --cluster} joins the other nodes.
 *
 * <pre>
 * cluster:
 *   members: ["127.0.0.1:5701", "127.0.0.1:5702", "127.0.0.1:5703"]   # Hazelcast TCP-IP join; multicast is off
 *   port: 5701          # this node's Hazelcast port; --cluster-port overrides
 *   zone: vpc-a         # the network this node can reach; --zone overrides; none: it serves every zone
 *   host: 127.0.0.1     # the address this node binds and is reached on (Hazelcast and the event bus)
 *   batch: 250          # members per probe batch sent to a node
 * </pre>
 *
 * Read only by {@code serve --cluster}; the section is validated for every command, so a typo
 * fails early wherever the file is used.
 *
 * @param members the join list, {@code host:port} each
 * @param zone    this node's zone, or null when it serves every zone
 */
public record ClusterSettings(List<String> members, int port, String zone, String host, int batch) {

    public static final List<String> KEYS = List.of("members", "port", "zone", "host", "batch");
    public static final int DEFAULT_PORT = 5701;

    public ClusterSettings {
        members = List.copyOf(members);
        Objects.requireNonNull(host, "host");
        zone = zone == null || zone.isBlank() ? null : zone;
    }

    /** No {@code cluster:} section: a cluster of one on 127.0.0.1. */
    public static ClusterSettings defaults() {
        return new ClusterSettings(List.of(), DEFAULT_PORT, null, "127.0.0.1", 250);
    }

    /** Parses and validates the section; errors name the key, e.g. {@code cluster.members[1]}. */
    public static ClusterSettings parse(Settings s) {
        if (s.isNull()) {
            return defaults();
        }
        if (!s.isMap()) {
            throw s.error("expected a map such as {members: [\"127.0.0.1:5701\"], port: 5701, zone: vpc-a}");
        }
        s.requireKeys(KEYS);
        List<String> members = new ArrayList<>();
        for (Settings m : s.list("members")) {
            String text = m.isScalar() ? m.asString() : "";
            if (!text.matches("[A-Za-z0-9.\\-\\[\\]:]+:\\d{1,5}") || Integer.parseInt(text.substring(text.lastIndexOf(':') + 1)) > 65535) {
                throw m.error("expected host:port, e.g. 127.0.0.1:5701, found '" + (m.isScalar() ? text : m.raw()) + "'");
            }
            members.add(text);
        }
        String zone = s.optionalString("zone").orElse(null);
        if (zone != null && !validZone(zone)) {
            throw s.child("zone").error("zone names are letters, digits, '.', ':', '-' and '_' (at most 63), found '" + zone + "'");
        }
        return new ClusterSettings(members, s.integer("port", DEFAULT_PORT, 1, 65535), zone, s.string("host", "127.0.0.1"),
                s.integer("batch", 250, 1, 100_000));
    }

    /** The same settings with {@code --cluster-port} and {@code --zone} applied (null: keep the file's). */
    public ClusterSettings override(Integer newPort, String newZone) {
        return new ClusterSettings(members, newPort != null ? newPort : port, newZone != null ? newZone : zone, host, batch);
    }

    /** Whether {@code name} is a valid zone name (the check of {@code cluster.zone} and {@code --zone}). */
    public static boolean validZone(String name) {
        return name.matches("[A-Za-z0-9][A-Za-z0-9._:-]{0,62}");
    }
}
