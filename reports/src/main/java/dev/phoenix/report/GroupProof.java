package dev.phoenix.report;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One immutable group's reproducibility proof as of a run: whether it holds, and the experiment
 * that proved the group last.
 *
 * <pre>{@code
 * {"group": "web", "status": "STALE", "provenances": ["ami-2/lt-4"], "stale": "provenance-changed",
 *  "provenance": "ami-1/lt-3", "provenAt": "2026-11-30T10:00:00Z", "runId": "20261130T100000000Z-ab12",
 *  "victim": "i-0abc", "replacement": "i-0def", "expiresAt": "2026-12-07T10:00:00Z", "reason": "..."}
 * }</pre>
 *
 * @param provenances the provenances the group's immutable members run now (AMI, launch-template version, image id)
 * @param stale       for STALE, why: {@code provenance-changed} or {@code expired}; null otherwise
 * @param provenance  the provenance the last proof was for; null when never proven
 * @param provenAt    when that experiment's replacement matched; null when never proven
 * @param runId       the run of that experiment
 * @param victim      that experiment's victim
 * @param replacement that experiment's replacement
 * @param expiresAt   when that proof stops counting ({@code provenAt + chaos.proof-ttl})
 * @param reason      the status in words
 */
public record GroupProof(String group, ProofStatus status, List<String> provenances, String stale, String provenance, Instant provenAt,
                         String runId, String victim, String replacement, Instant expiresAt, String reason) {

    public GroupProof {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(status, "status");
        provenances = provenances == null ? List.of() : List.copyOf(provenances);
    }
}
