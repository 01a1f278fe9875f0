package dev.phoenix.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import dev.phoenix.model.ChaosOptIn;
import dev.phoenix.model.Member;
import dev.phoenix.model.MemberKind;
import dev.phoenix.model.Mutability;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an inspected container into a {@link Member}.
 *
 * <ul>
 *   <li>id: the short container id (12 hex digits, as {@code docker ps} shows it); the name is
 *       the {@code name} attribute</li>
 *   <li>mutability: label {@code phoenix.mutability} &gt; the group's setting &gt; immutable</li>
 *   <li>provenance: the image id ({@code sha256:…}), which baselines are tied to</li>
 *   <li>attributes: {@code name}, {@code image}, {@code network}, {@code ip}, {@code host} and
 *       {@code port} (the address to reach it at: 127.0.0.1 and the first exposed port for host
 *       networking, the published address when a port is published, else the container's IP),
 *       {@code ports}, {@code docker.host} (the engine) and every label as {@code label:<key>}</li>
 * </ul>
 *
 * Chaos opt-in is left to the engine's guard, which reads the configured label
 * ({@code phoenix.chaos} by default) from the {@code label:} attributes.
 */
final class ContainerMembers {

    private static final Logger LOG = LoggerFactory.getLogger(ContainerMembers.class);

    /** The label that overrides a container's mutability. */
    static final String MUTABILITY_LABEL = "phoenix.mutability";
    static final String PROVIDER = "docker";

    private ContainerMembers() {
    }

    static String shortId(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }

    static String name(InspectContainerResponse c) {
        String name = c.getName() == null ? "" : c.getName();
        return name.startsWith("/") ? name.substring(1) : name;
    }

    static Map<String, String> labels(InspectContainerResponse c) {
        Map<String, String> labels = c.getConfig() == null ? null : c.getConfig().getLabels();
        return labels == null ? Map.of() : new TreeMap<>(labels);
    }

    static Member member(InspectContainerResponse c, String group, Optional<Mutability> groupMutability, ChaosOptIn optIn,
                         String engineHost) {
        Map<String, String> labels = labels(c);
        String name = name(c);
        String label = labels.get(MUTABILITY_LABEL);
        if (label != null && Mutability.parse(label).isEmpty()) {
            LOG.warn("container {}: label {}={} is neither mutable nor immutable; ignored", name, MUTABILITY_LABEL, label);
        }
        Mutability mutability = Mutability.resolve(label, groupMutability, Mutability.IMMUTABLE);

        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("name", name);
        attributes.put("image", c.getConfig() == null || c.getConfig().getImage() == null ? "" : c.getConfig().getImage());
        attributes.put("docker.host", engineHost);
        String network = networkMode(c);
        attributes.put("network", network);
        String ip = ip(c);
        if (!ip.isEmpty()) {
            attributes.put("ip", ip);
        }
        Address address = address(c, network, ip);
        if (address.host() != null) {
            attributes.put("host", address.host());
        }
        if (address.port() != null) {
            attributes.put("port", address.port());
        }
        List<String> ports = ports(c);
        if (!ports.isEmpty()) {
            attributes.put("ports", String.join(",", ports));
        }
        labels.forEach((k, v) -> attributes.put("label:" + k, v));
        return new Member(shortId(c.getId()), name, group, PROVIDER, MemberKind.CONTAINER, mutability, optIn.labelled(labels),
                c.getImageId() == null ? "" : c.getImageId(), attributes);
    }

    static String networkMode(InspectContainerResponse c) {
        String mode = c.getHostConfig() == null ? null : c.getHostConfig().getNetworkMode();
        return mode == null || mode.isEmpty() ? "default" : mode;
    }

    static String ip(InspectContainerResponse c) {
        if (c.getNetworkSettings() == null || c.getNetworkSettings().getNetworks() == null) {
            return "";
        }
        for (ContainerNetwork n : new TreeMap<>(c.getNetworkSettings().getNetworks()).values()) {
            if (n.getIpAddress() != null && !n.getIpAddress().isEmpty()) {
                return n.getIpAddress();
            }
        }
        return "";
    }

    private record Address(String host, String port) {
    }

    private static Address address(InspectContainerResponse c, String network, String ip) {
        if (network.equals("host")) {
            return new Address("127.0.0.1", exposed(c).stream().findFirst().map(p -> String.valueOf(p.getPort())).orElse(null));
        }
        Ports ports = c.getNetworkSettings() == null ? null : c.getNetworkSettings().getPorts();
        if (ports != null && ports.getBindings() != null) {
            for (Map.Entry<ExposedPort, Ports.Binding[]> e : new TreeMap<>(byName(ports.getBindings())).values()) {
                if (e.getValue() != null && e.getValue().length > 0 && e.getValue()[0].getHostPortSpec() != null) {
                    String hostIp = e.getValue()[0].getHostIp();
                    String host = hostIp == null || hostIp.isEmpty() || hostIp.equals("0.0.0.0") || hostIp.equals("::")
                            ? "127.0.0.1" : hostIp;
                    return new Address(host, e.getValue()[0].getHostPortSpec());
                }
            }
        }
        return new Address(ip.isEmpty() ? null : ip,
                exposed(c).stream().findFirst().map(p -> String.valueOf(p.getPort())).orElse(null));
    }

    private static Map<String, Map.Entry<ExposedPort, Ports.Binding[]>> byName(Map<ExposedPort, Ports.Binding[]> bindings) {
        Map<String, Map.Entry<ExposedPort, Ports.Binding[]>> out = new TreeMap<>();
        bindings.entrySet().forEach(e -> out.put(String.format("%05d/%s", e.getKey().getPort(), e.getKey().getProtocol()), e));
        return out;
    }

    static List<ExposedPort> exposed(InspectContainerResponse c) {
        ExposedPort[] ports = c.getConfig() == null ? null : c.getConfig().getExposedPorts();
        if (ports == null) {
            return List.of();
        }
        List<ExposedPort> out = new ArrayList<>(List.of(ports));
        out.sort(java.util.Comparator.comparingInt(ExposedPort::getPort).thenComparing(p -> p.getProtocol().toString()));
        return out;
    }

    /** {@code 127.0.0.1:32768->8080/tcp} for published ports, {@code 8080/tcp} for exposed ones. */
    static List<String> ports(InspectContainerResponse c) {
        List<String> out = new ArrayList<>();
        Ports ports = c.getNetworkSettings() == null ? null : c.getNetworkSettings().getPorts();
        java.util.Set<String> published = new java.util.HashSet<>();
        if (ports != null && ports.getBindings() != null) {
            for (Map.Entry<ExposedPort, Ports.Binding[]> e : byName(ports.getBindings()).values()) {
                if (e.getValue() == null) {
                    continue;
                }
                for (Ports.Binding b : e.getValue()) {
                    String hostIp = b.getHostIp() == null || b.getHostIp().isEmpty() ? "0.0.0.0" : b.getHostIp();
                    out.add(hostIp + ":" + b.getHostPortSpec() + "->" + e.getKey());
                    published.add(e.getKey().toString());
                }
            }
        }
        for (ExposedPort p : exposed(c)) {
            if (!published.contains(p.toString())) {
                out.add(p.toString());
            }
        }
        return out;
    }

    /** Why a listed container is not in service: its state, exit code and since when. */
    static String notRunning(Member member, InspectContainerResponse info) {
        var s = info.getState();
        return "container " + ContainerProbeSupport.label(member) + " is not running (" + s.getStatus()
                + (s.getExitCodeLong() == null ? "" : ", exit code " + s.getExitCodeLong())
                + (s.getFinishedAt() == null || s.getFinishedAt().startsWith("0001-") ? "" : ", since " + s.getFinishedAt()) + ")";
    }
}
