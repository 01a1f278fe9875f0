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
            return isLoopback(host) ? Optional.empty()
                    : Optional.of(unbracketed(host) + " is not a loopback address (only 127.0.0.0/8 is contacted in loopback-only mode)");
        };
    }

    /**
     * Whether {@code host} is {@code localhost} or a literal loopback address (127.0.0.0/8, {@code ::1},
     * bracketed or not); names other than {@code localhost} are never resolved, so they are not.
     *
     * <pre>{@code
     * TargetPolicy.isLoopback("127.0.0.1")        // true
     * TargetPolicy.isLoopback("localstack")       // false: a name, not resolved
     * }</pre>
     */
    static boolean isLoopback(String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        String h = unbracketed(host);
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!h.matches("[0-9.]+") && !h.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String unbracketed(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
