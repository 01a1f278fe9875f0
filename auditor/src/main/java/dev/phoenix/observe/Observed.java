package dev.phoenix.observe;

import dev.phoenix.model.Fingerprint;
import dev.phoenix.model.Member;
import dev.phoenix.model.ProbeError;
import java.util.List;
import java.util.Objects;

/**
 * What the probes saw of one member in this run.
 *
 * @param fingerprint its state, or null when any probe failed (nothing is compared then)
 * @param errors      the failed probes
 */
public record Observed(Member member, Fingerprint fingerprint, List<ProbeError> errors) {

    public Observed {
        Objects.requireNonNull(member, "member");
        errors = List.copyOf(errors);
    }

    public boolean reachable() {
        return fingerprint != null;
    }
}
