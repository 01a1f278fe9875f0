package dev.phoenix.baseline;

import java.time.Instant;
import java.util.Objects;

/**
 * The recorded expectation for a mutable host, or the golden fingerprint of an immutable
 * group at one provenance.
 *
 * @param digest     the fingerprint's digest; the facts are kept once per digest
 * @param provenance what the member or group was built from when captured
 * @param capturedAt when it was captured or accepted
 * @param acceptedBy who accepted it ({@code phoenix} for automatic capture, else the user)
 * @param reason     why: "first seen", "rollout from … to …", "accepted drift: …"
 */
public record BaselineEntry(String digest, String provenance, Instant capturedAt, String acceptedBy, String reason) {

    public BaselineEntry {
        Objects.requireNonNull(digest, "digest");
        provenance = provenance == null ? "" : provenance;
        Objects.requireNonNull(capturedAt, "capturedAt");
    }
}
