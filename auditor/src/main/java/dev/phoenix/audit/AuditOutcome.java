package dev.phoenix.audit;

import dev.phoenix.report.Scorecard;
import dev.phoenix.spi.ConfigException;
import java.util.List;

/**
 * The scorecard plus what the CLI needs for its exit code.
 *
 * @param unreachable   groups whose provider could not be reached at all
 * @param configErrors  groups whose discovery failed because of their configuration
 */
public record AuditOutcome(Scorecard scorecard, List<String> unreachable, List<ConfigException> configErrors) {

    public AuditOutcome {
        unreachable = List.copyOf(unreachable);
        configErrors = List.copyOf(configErrors);
    }
}
