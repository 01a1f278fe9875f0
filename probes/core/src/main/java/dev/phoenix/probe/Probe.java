package dev.phoenix.probe;

import dev.phoenix.model.Member;
import dev.phoenix.model.Observation;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Optional;

/**
 * Observes one member and returns facts, or a failure as data.
 *
 * <pre>{@code
 * Probe http = probes.get("http", path).create(new ProbeSpec("web", settings, root), ctx);
 * http.observe(member).onSuccess(obs -> obs.facts().forEach(f -> LOG.info("{}={}", f.key(), f.value())));
 * }</pre>
 *
 * <p>Implementations complete the future with {@link Observation#failed} rather than failing it;
 * a failed future is turned into a failed observation by the engine all the same.
 */
public interface Probe {

    /** Instance name shown in reports, e.g. {@code http:state} or {@code exec:app-conf}. */
    String name();

    Future<Observation> observe(Member member);

    /**
     * How long one {@link #observe} may take when the probe itself waits longer than the
     * engine's {@code probing.timeout} would allow (a remote command with a timeout of its own);
     * the engine waits for the larger of the two. Empty: {@code probing.timeout} alone.
     *
     * <pre>{@code
     * public Optional<Duration> deadline() {
     *     return Optional.of(options.timeout().plus(Duration.ofSeconds(5)));   // the command's timeout, plus time to ask
     * }
     * }</pre>
     */
    default Optional<Duration> deadline() {
        return Optional.empty();
    }

    /**
     * The deadline this probe enforces on every {@link #observe} itself: at that point its future
     * completes with a failed observation, whatever the remote side does. When it is no longer
     * than the engine's limit for the call, the engine sets no timer of its own (one timer per call
     * instead of two). Empty: the engine alone cuts the call.
     *
     * <pre>{@code
     * public Optional<Duration> selfTimeout() {
     *     return Optional.of(options.timeout());   // observe() cuts the request at this deadline
     * }
     * }</pre>
     */
    default Optional<Duration> selfTimeout() {
        return Optional.empty();
    }
}
