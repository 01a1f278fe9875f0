package dev.phoenix.ssh;

import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether the key one host offers is the one expected, before authentication: from the
 * entries of known_hosts that name the host and, with {@link HostKeyMode#ACCEPT_NEW}, the keys
 * Phoenix recorded when it first saw a host. A refusal keeps its reason for the probe's error; a
 * key first seen is kept for recording once the connection is authenticated.
 *
 * <pre>{@code
 * HostKeyCheck check = new HostKeyCheck("db-1", "[127.0.0.1]:2201", "127.0.0.1", 2201, entries, HostKeyMode.STRICT, Map.of());
 * boolean ok = check.verify(offeredKey);   // false: check.refusal() says why
 * }</pre>
 */
final class HostKeyCheck {

    private static final Logger LOG = LoggerFactory.getLogger(HostKeyCheck.class);

    private final String label;
    private final String knownName;
    private final String host;
    private final int port;
    private final List<KnownHostEntry> entries;
    private final HostKeyMode mode;
    private final Map<String, String> recorded;
    private volatile String refusal;
    private volatile PublicKey firstSeen;

    /**
     * @param knownName how the host is written in known_hosts: {@code host}, or {@code [host]:port} off port 22
     * @param recorded  keys recorded by Phoenix, by known name, as {@code type base64}
     */
    HostKeyCheck(String label, String knownName, String host, int port, List<KnownHostEntry> entries, HostKeyMode mode,
                 Map<String, String> recorded) {
        this.label = label;
        this.knownName = knownName;
        this.host = host;
        this.port = port;
        this.entries = List.copyOf(entries);
        this.mode = mode;
        this.recorded = Map.copyOf(recorded);
    }

    /** How {@code host:port} is written in known_hosts. */
    static String knownName(String host, int port) {
        return port == 22 ? host : "[" + host + "]:" + port;
    }

    boolean verify(PublicKey offered) {
        String offeredPrint = KeyUtils.getFingerPrint(offered);
        boolean named = false;
        for (KnownHostEntry e : entries) {
            if (!e.isHostMatch(host, port)) {
                continue;
            }
            PublicKey known = key(e);
            if (known == null) {
                continue;
            }
            if ("revoked".equals(e.getMarker())) {
                if (KeyUtils.compareKeys(known, offered)) {
                    return refuse("the host key " + offeredPrint + " of " + label + " is marked @revoked in known_hosts; nothing was probed");
                }
                continue;
            }
            if (e.getMarker() != null) {
                continue; // @cert-authority: host certificates are not checked, the plain key must be known
            }
            named = true;
            if (KeyUtils.compareKeys(known, offered)) {
                return true;
            }
        }
        if (named) {
            return refuse("the host key of " + label + " (" + knownName + ") changed: known_hosts expects "
                    + expectedPrints() + ", the host offered " + offeredPrint + "; nothing was probed");
        }
        if (mode == HostKeyMode.STRICT) {
            return refuse("the host key " + offeredPrint + " of " + label + " (" + knownName + ") is not in known_hosts "
                    + "(host-key: strict); add it (ssh-keyscan) or use host-key: accept-new; nothing was probed");
        }
        String stored = recorded.get(knownName);
        if (stored != null) {
            PublicKey first = parse(stored);
            if (first != null && KeyUtils.compareKeys(first, offered)) {
                return true;
            }
            return refuse("the host key of " + label + " (" + knownName + ") changed since Phoenix first saw it: recorded "
                    + (first == null ? stored : KeyUtils.getFingerPrint(first)) + ", the host offered " + offeredPrint
                    + "; nothing was probed (if the change is legitimate, remove its line from ssh/known_hosts in the store)");
        }
        LOG.info("accepting the new host key {} of {} ({}); it is recorded in the store", offeredPrint, label, knownName);
        firstSeen = offered;
        return true;
    }

    private boolean refuse(String reason) {
        refusal = reason;
        LOG.warn("{}", reason);
        return false;
    }

    /** Why the key was refused, or null. */
    String refusal() {
        return refusal;
    }

    /** The key accepted because the host was seen for the first time, or null. */
    PublicKey firstSeen() {
        return firstSeen;
    }

    String knownName() {
        return knownName;
    }

    private String expectedPrints() {
        StringBuilder out = new StringBuilder();
        for (KnownHostEntry e : entries) {
            if (e.getMarker() == null && e.isHostMatch(host, port)) {
                PublicKey k = key(e);
                if (k != null) {
                    out.append(out.length() == 0 ? "" : " or ").append(KeyUtils.getFingerPrint(k));
                }
            }
        }
        return out.toString();
    }

    private static PublicKey key(KnownHostEntry e) {
        try {
            return e.getKeyEntry().resolvePublicKey(null, PublicKeyEntryResolver.IGNORING);
        } catch (java.io.IOException | java.security.GeneralSecurityException | RuntimeException ex) {
            return null;
        }
    }

    static PublicKey parse(String typeAndBase64) {
        try {
            return PublicKeyEntry.parsePublicKeyEntry(typeAndBase64).resolvePublicKey(null, java.util.Map.of(), PublicKeyEntryResolver.IGNORING);
        } catch (java.io.IOException | java.security.GeneralSecurityException | RuntimeException ex) {
            return null;
        }
    }
}
