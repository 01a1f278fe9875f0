package dev.phoenix.report;

import dev.phoenix.model.Drift;
import dev.phoenix.model.ProbeError;
import java.util.List;
import java.util.Objects;

/**
 * One member's line in the scorecard.
 *
 * @param name        the name people use for the member (container name, EC2 Name tag, inventory hostname)
 * @param account     the AWS account of an AWS member, else null
 * @param region      the AWS region of an AWS member, else null
 * @param fingerprint digest of the member's state facts, null when unreachable
 * @param drift       facts that differ from the member's baseline or its group's golden fingerprint
 * @param note        why the status is what it is, when that is not obvious (e.g. "rollout: baseline re-captured")
 * @param lastSeen    for a MISSING member, when a run last saw it; null otherwise
 */
public record MemberResult(String id, String name, String account, String region, String group, String provider,
                           String mutability, String kind, MemberStatus status, String provenance, String fingerprint,
                           List<Drift> drift, List<ProbeError> probeErrors, String note, java.time.Instant lastSeen) {

    public MemberResult {
        Objects.requireNonNull(id, "id");
        name = name == null || name.isBlank() ? id : name;
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(status, "status");
        drift = drift == null ? List.of() : List.copyOf(drift);
        probeErrors = probeErrors == null ? List.of() : List.copyOf(probeErrors);
    }

    /** A member seen in this run. */
    public MemberResult(String id, String name, String account, String region, String group, String provider, String mutability,
                        String kind, MemberStatus status, String provenance, String fingerprint, List<Drift> drift,
                        List<ProbeError> probeErrors, String note) {
        this(id, name, account, region, group, provider, mutability, kind, status, provenance, fingerprint, drift, probeErrors, note,
                null);
    }

    /** A member named by its id, outside AWS. */
    public MemberResult(String id, String group, String provider, String mutability, String kind, MemberStatus status,
                        String provenance, String fingerprint, List<Drift> drift, List<ProbeError> probeErrors, String note) {
        this(id, id, null, null, group, provider, mutability, kind, status, provenance, fingerprint, drift, probeErrors, note, null);
    }
}
