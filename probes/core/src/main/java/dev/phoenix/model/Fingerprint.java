package dev.phoenix.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The sorted state facts of a member and their SHA-256 digest.
 *
 * <p>Two fingerprints with the same digest hold the same facts, so comparisons start with the
 * digest and only walk the facts when they differ:
 *
 * <pre>{@code
 * Fingerprint golden = Fingerprint.of(goldenFacts);
 * List<Drift> drift = golden.diff(Fingerprint.of(observed));   // empty when equal
 * }</pre>
 *
 * @param facts        state facts, sorted by key, one value per key (identity facts are excluded)
 * @param digest       hex SHA-256 over the length-prefixed UTF-8 keys and values, in key order
 * @param inPlaceKeys  the keys of {@code facts} that report an in-place change ({@link Fact.Kind#IN_PLACE});
 *                     they are compared like any other state, and the digest does not depend on them
 */
public record Fingerprint(Map<String, String> facts, String digest, Set<String> inPlaceKeys) {

    private static final HexFormat HEX = HexFormat.of();

    /** One digest per thread, reset before each use: {@code MessageDigest.getInstance} per fingerprint costs a provider lookup. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(Fingerprint::newSha256);

    /**
     * The sorted map {@link #build} just built on this thread and hands to the constructor: it never
     * escapes, so the constructor wraps it instead of copying it once more.
     */
    private static final ThreadLocal<TreeMap<String, String>> HANDED_OVER = new ThreadLocal<>();

    public Fingerprint {
        Objects.requireNonNull(digest, "digest");
        TreeMap<String, String> handedOver = HANDED_OVER.get();
        if (handedOver != null && handedOver == facts) {
            HANDED_OVER.remove();
            facts = java.util.Collections.unmodifiableMap(handedOver);
        } else {
            facts = java.util.Collections.unmodifiableMap(new TreeMap<>(facts));
        }
        if (inPlaceKeys == null || inPlaceKeys.isEmpty()) {
            inPlaceKeys = Set.of();
        } else {
            for (String key : inPlaceKeys) {
                if (!facts.containsKey(key)) {
                    throw new IllegalArgumentException("in-place key " + key + " is not one of the fingerprint's facts");
                }
            }
            inPlaceKeys = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(inPlaceKeys));
        }
    }

    /**
     * Builds a fingerprint from facts; identity facts are left out, a repeated key keeps its last
     * value (and kind), in-place facts are remembered as such.
     */
    public static Fingerprint of(Collection<Fact> facts) {
        TreeMap<String, String> state = new TreeMap<>();
        Set<String> inPlace = null;
        for (Fact fact : facts) {
            if (!fact.identity()) {
                state.put(fact.key(), fact.value());
                if (fact.inPlace()) {
                    inPlace = inPlace == null ? new TreeSet<>() : inPlace;
                    inPlace.add(fact.key());
                } else if (inPlace != null) {
                    inPlace.remove(fact.key());
                }
            }
        }
        return build(state, inPlace == null ? Set.of() : inPlace);
    }

    /** Builds a fingerprint from a key-to-value map of state facts, none of them in-place. */
    public static Fingerprint ofMap(Map<String, String> state) {
        return ofMap(state, Set.of());
    }

    /** Builds a fingerprint from a key-to-value map of state facts, {@code inPlaceKeys} among them. */
    public static Fingerprint ofMap(Map<String, String> state, Set<String> inPlaceKeys) {
        return build(new TreeMap<>(state), inPlaceKeys);
    }

    /** {@code sorted} is a map of our own, in natural key order, that nobody else holds. */
    private static Fingerprint build(TreeMap<String, String> sorted, Set<String> inPlaceKeys) {
        MessageDigest sha = sha256();
        byte[] prefix = new byte[4];
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            update(sha, e.getKey(), prefix);
            update(sha, e.getValue(), prefix);
        }
        String digest = HEX.formatHex(sha.digest());
        HANDED_OVER.set(sorted);
        try {
            return new Fingerprint(sorted, digest, inPlaceKeys);
        } finally {
            HANDED_OVER.remove();
        }
    }

    /** Whether {@code key} is one of the facts that report an in-place change. */
    public boolean inPlace(String key) {
        return inPlaceKeys.contains(key);
    }

    /** Whether any fact reports an in-place change: the member is not as its image made it. */
    public boolean changedInPlace() {
        return !inPlaceKeys.isEmpty();
    }

    /** The facts that differ from {@code this} (expected) in {@code actual}, sorted by key. */
    public List<Drift> diff(Fingerprint actual) {
        if (digest.equals(actual.digest)) {
            return List.of();
        }
        List<Drift> drift = new ArrayList<>();
        var expectedIt = facts.entrySet().iterator();
        var actualIt = actual.facts.entrySet().iterator();
        Map.Entry<String, String> e = next(expectedIt);
        Map.Entry<String, String> a = next(actualIt);
        while (e != null || a != null) {
            int cmp = e == null ? 1 : a == null ? -1 : e.getKey().compareTo(a.getKey());
            if (cmp < 0) {
                drift.add(new Drift(e.getKey(), e.getValue(), null, Change.REMOVED));
                e = next(expectedIt);
            } else if (cmp > 0) {
                drift.add(new Drift(a.getKey(), null, a.getValue(), Change.ADDED));
                a = next(actualIt);
            } else {
                if (!e.getValue().equals(a.getValue())) {
                    drift.add(new Drift(e.getKey(), e.getValue(), a.getValue(), Change.CHANGED));
                }
                e = next(expectedIt);
                a = next(actualIt);
            }
        }
        return List.copyOf(drift);
    }

    public boolean matches(Fingerprint other) {
        return digest.equals(other.digest);
    }

    /** SHA-256 hex of a string; used by probes that fingerprint content they must not store. */
    public static String sha256Hex(String text) {
        return HEX.formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** SHA-256 hex of bytes. */
    public static String sha256Hex(byte[] bytes) {
        return HEX.formatHex(sha256().digest(bytes));
    }

    /** Length-prefixed, so that no key or value can shift a boundary ({@code "a=b","c"} vs {@code "a","b=c"}). */
    private static void update(MessageDigest sha, String text, byte[] prefix) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int n = bytes.length;
        prefix[0] = (byte) (n >>> 24);
        prefix[1] = (byte) (n >>> 16);
        prefix[2] = (byte) (n >>> 8);
        prefix[3] = (byte) n;
        sha.update(prefix);
        sha.update(bytes);
    }

    private static <T> T next(java.util.Iterator<T> it) {
        return it.hasNext() ? it.next() : null;
    }

    private static MessageDigest sha256() {
        MessageDigest sha = SHA256.get();
        sha.reset();
        return sha;
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
