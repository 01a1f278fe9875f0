package dev.phoenix.model;

import java.util.Objects;

/**
 * One observed fact: a namespaced key ({@code aws.instanceType}, {@code http.state.json.version}),
 * its string value, and what {@link Kind kind} of fact it is.
 *
 * <pre>{@code
 * Fact.of("app.version", "2.4.1")                        // state: compared with the baseline
 * Fact.identity("aws.instanceId", "i-0abc")               // names the member: reported, never compared
 * Fact.inPlace("docker.diff./etc/app.conf", "CHANGED")    // state that is itself evidence of an in-place change
 * }</pre>
 */
public record Fact(String key, String value, Kind kind) implements Comparable<Fact> {

    /** What a fact says about its member, and so how it is compared. */
    public enum Kind {
        /** Configuration or state: part of the fingerprint, compared with the baseline. */
        STATE,
        /** Names the member itself (instance id, address, launch time, container id): reported, never compared. */
        IDENTITY,
        /**
         * State that is itself evidence of an in-place change: a path added, changed or deleted since
         * the member was built from its image. Compared as state; a pristine member has none, so such
         * a fact never belongs to a golden fingerprint.
         */
        IN_PLACE
    }

    public Fact {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        value = value == null ? "" : value;
    }

    public static Fact of(String key, String value) {
        return new Fact(key, value, Kind.STATE);
    }

    public static Fact identity(String key, String value) {
        return new Fact(key, value, Kind.IDENTITY);
    }

    public static Fact inPlace(String key, String value) {
        return new Fact(key, value, Kind.IN_PLACE);
    }

    /** Whether the fact names the member rather than describes it ({@link Kind#IDENTITY}). */
    public boolean identity() {
        return kind == Kind.IDENTITY;
    }

    /** Whether the fact reports an in-place change ({@link Kind#IN_PLACE}). */
    public boolean inPlace() {
        return kind == Kind.IN_PLACE;
    }

    @Override
    public int compareTo(Fact other) {
        return key.compareTo(other.key);
    }
}
