package dev.phoenix.stop;

import io.vertx.core.Future;
import java.util.Optional;

/**
 * A health signal that stops chaos while it says so ({@code chaos.stop-conditions}), as AWS FIS,
 * Litmus and krkn have them: a health endpoint that must answer, a PromQL query that must return
 * nothing, CloudWatch alarms that must not be in ALARM. Chaos evaluates every condition before
 * each experiment, again right before the termination, and while a replacement is awaited; one
 * that trips, or cannot be evaluated, stops it (fail closed).
 *
 * <pre>{@code
 * StopCondition health = conditions.get("http", path).create(spec, ctx);
 * health.check().onSuccess(tripped -> tripped.ifPresent(why -> LOG.warn("stop: {}", why)));   // empty: all well
 * }</pre>
 */
public interface StopCondition {

    /** What the condition watches, for reasons: {@code http GET http://127.0.0.1:8080/health expects 200}. */
    String describe();

    /**
     * Why chaos must stop now, or empty when the condition is satisfied. A failed future means the
     * condition could not be evaluated, which stops chaos too.
     */
    Future<Optional<String>> check();
}
