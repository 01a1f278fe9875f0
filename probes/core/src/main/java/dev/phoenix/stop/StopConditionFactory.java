package dev.phoenix.stop;

import dev.phoenix.spi.Named;
import dev.phoenix.spi.ProviderContext;
import java.util.List;

/**
 * Builds a {@link StopCondition} from its settings. Registered by name in
 * {@code META-INF/services/dev.phoenix.stop.StopConditionFactory}; the name is the key of one
 * entry of {@code chaos.stop-conditions}:
 *
 * <pre>{@code
 * chaos:
 *   stop-conditions:
 *     - {http: {url: "http://127.0.0.1:8080/health", expect: 200}}
 *     - {prometheus: {url: "http://127.0.0.1:9090", query: "sum(rate(http_errors_total[1m])) > 5"}}
 *     - {cloudwatch-alarm: {names: [web-5xx]}}
 * }</pre>
 */
public interface StopConditionFactory extends Named {

    /** Validates the settings and builds the condition; throws {@link dev.phoenix.spi.ConfigException} naming the key at fault. No I/O. */
    StopCondition create(StopConditionSpec spec, ProviderContext ctx);

    /** The keys its settings take; the shipped JSON Schema of the config must describe exactly these (a test checks it). */
    List<String> keys();
}
