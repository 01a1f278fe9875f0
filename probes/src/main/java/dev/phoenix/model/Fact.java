package dev.phoenix.model;

import java.util.Objects;

/**
 * One observed fact: a namespaced key ({@code aws.instanceType}, {@code http.state.json.version})
 * and its string value.
 *
 * <p>Identity facts name the member itself (instance id, address, launch time, container id);
 * they are reported but never compared.
 */
public record Fact(String key, String value, boolean identity) implements Comparable<Fact> {

    /**
     * The key segment of facts that are themselves evidence of an in-place change: a path added,
     * changed or deleted since the member was built from its image, as in
     * {@code docker.diff./etc/app.conf=CHANGED}. A pristine member has none, so the golden
     * fingerprint of an immutable group never holds one (see {@link #inPlaceChange(String)}).
     */
    public static final String IN_PLACE_MARK = ".diff./";

    public Fact {
        Objects.requireNonNull(key, "key");
        value = value == null ? "" : value;
    }

    public static Fact of(String key, String value) {
        return new Fact(key, value, false);
    }

    public static Fact identity(String key, String value) {
        return new Fact(key, value, true);
    }

    /** Whether {@code key} reports an in-place change ({@link #IN_PLACE_MARK}). */
    public static boolean inPlaceChange(String key) {
        return key.contains(IN_PLACE_MARK);
    }

    @Override
    public int compareTo(Fact other) {
        return key.compareTo(other.key);
    }
}
