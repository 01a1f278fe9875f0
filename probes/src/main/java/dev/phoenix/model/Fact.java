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

    @Override
    public int compareTo(Fact other) {
        return key.compareTo(other.key);
    }
}
