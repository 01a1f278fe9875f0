package dev.phoenix.spi;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Which hosts probes may send requests to. Against an emulator, addresses it reports for
 * instances are fictional (or belong to someone else): only loopback is allowed.
 *
 * <pre>{@code
 * TargetPolicy.loopbackOnly().refusal("10.0.1.17")   // Optional["10.0.1.17 is not a loopback address ..."]
 * }</pre>
 */
public interface TargetPolicy {

    /** Why {@code host} must not be contacted, or empty when it may be. */
    Optional<String> refusal(String host);

    static TargetPolicy any() {
        return host -> Optional.empty();
    }

    /** Allows only literal loopback addresses and {@code localhost}; never resolves other names. */
    static TargetPolicy loopbackOnly() {
        return host -> {
            if (host == null || host.isBlank()) {
                return Optional.of("no address to contact");
            }
            String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            if (h.equalsIgnoreCase("localhost")) {
                return Optional.empty();
            }
            if (!h.matches("[0-9.]+") && !h.contains(":")) {
                return Optional.of(h + " is not a loopback address (only 127.0.0.0/8 is contacted in loopback-only mode)");
            }
            try {
                if (InetAddress.getByName(h).isLoopbackAddress()) {
                    return Optional.empty();
                }
            } catch (UnknownHostException e) {
                return Optional.of(h + " is not a valid address");
            }
            return Optional.of(h + " is not a loopback address (only 127.0.0.0/8 is contacted in loopback-only mode)");
        };
    }
}
