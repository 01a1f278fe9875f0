package dev.phoenix.probe;

import dev.phoenix.model.Member;
import dev.phoenix.model.Observation;
import io.vertx.core.Future;

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
}
