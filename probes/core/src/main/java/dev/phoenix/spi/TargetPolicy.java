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
        // the common case, checked once per member: a dotted quad, decided without a regex or InetAddress
        int firstOctet = dottedQuadFirstOctet(h);
        if (firstOctet >= 0) {
            return firstOctet == 127;
        }
        if (!digitsAndDots(h) && h.indexOf(':') < 0) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The first octet of a strict dotted quad ({@code a.b.c.d}, each 0-255, at most three digits), or -1. */
    private static int dottedQuadFirstOctet(String h) {
        int first = -1;
        int parts = 0;
        int value = 0;
        int digits = 0;
        for (int i = 0; i <= h.length(); i++) {
            char c = i < h.length() ? h.charAt(i) : '.';
            if (c >= '0' && c <= '9') {
                value = value * 10 + (c - '0');
                if (++digits > 3 || value > 255) {
                    return -1;
                }
            } else if (c == '.' && digits > 0) {
                if (parts++ == 0) {
                    first = value;
                }
                value = 0;
                digits = 0;
            } else {
                return -1;
            }
        }
        return parts == 4 ? first : -1;
    }

    private static boolean digitsAndDots(String h) {
        for (int i = 0; i < h.length(); i++) {
            char c = h.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    private static String unbracketed(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
