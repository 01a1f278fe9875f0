package dev.phoenix.audit;

import dev.phoenix.report.Scorecard;
import dev.phoenix.spi.ConfigException;
import java.util.List;

/**
 * The scorecard plus what the CLI needs for its exit code.
 *
 * @param unreachable   groups whose provider could not be reached at all
 * @param configErrors  groups whose discovery failed because of their configuration
 * @param attestations  the run's signed experiment attestations (DSSE envelopes) by file name, to write beside the scorecard
 */
public record AuditOutcome(Scorecard scorecard, List<String> unreachable, List<ConfigException> configErrors,
                           java.util.Map<String, byte[]> attestations) {

    public AuditOutcome {
        unreachable = List.copyOf(unreachable);
        configErrors = List.copyOf(configErrors);
        attestations = attestations == null ? java.util.Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attestations));
    }

    /** An outcome without attestations. */
    public AuditOutcome(Scorecard scorecard, List<String> unreachable, List<ConfigException> configErrors) {
        this(scorecard, unreachable, configErrors, null);
    }
}
