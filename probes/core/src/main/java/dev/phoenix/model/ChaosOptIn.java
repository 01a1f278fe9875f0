package dev.phoenix.model;

import java.util.Map;
import java.util.Objects;

/**
 * What opts a member into chaos: the AWS tag and the Docker label named in {@code chaos.opt-in},
 * with the value {@code opt-in} or {@code true}. Each adapter resolves it once, into
 * {@link Member#chaosOptIn()}; nothing downstream looks at tags or labels for it again.
 *
 * <pre>{@code
 * ChaosOptIn optIn = ChaosOptIn.defaults();                     // tag phoenix:chaos, label phoenix.chaos
 * optIn.tagged(Map.of("phoenix:chaos", "opt-in"))               // true
 * optIn.labelled(Map.of("phoenix.chaos", "no"))                 // false
 * }</pre>
 *
 * @param tag   the tag that opts an instance in
 * @param label the label that opts a container in
 */
public record ChaosOptIn(String tag, String label) {

    public static final String DEFAULT_TAG = "phoenix:chaos";
    public static final String DEFAULT_LABEL = "phoenix.chaos";

    public ChaosOptIn {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(label, "label");
    }

    public static ChaosOptIn defaults() {
        return new ChaosOptIn(DEFAULT_TAG, DEFAULT_LABEL);
    }

    /** Whether {@code tags} carry the opt-in tag with an opt-in value. */
    public boolean tagged(Map<String, String> tags) {
        return isOptInValue(tags.get(tag));
    }

    /** Whether {@code labels} carry the opt-in label with an opt-in value. */
    public boolean labelled(Map<String, String> labels) {
        return isOptInValue(labels.get(label));
    }

    /** The values that opt in: {@code opt-in} or {@code true}, in any case. */
    public static boolean isOptInValue(String value) {
        return value != null && (value.equalsIgnoreCase("opt-in") || value.equalsIgnoreCase("true"));
    }

    /** For messages: {@code tag phoenix:chaos or label phoenix.chaos = opt-in}. */
    public String describe() {
        return "tag " + tag + " or label " + label + " = opt-in";
    }
}
