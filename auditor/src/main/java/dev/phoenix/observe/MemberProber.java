package dev.phoenix.observe;

import dev.phoenix.model.Member;
import io.vertx.core.Future;

/**
 * Runs a group's probes against one member, under the run's concurrency limit and probe
 * timeout; what chaos uses to look at a replacement. Never fails: a probe that does not answer
 * makes the observation unreachable.
 *
 * <pre>{@code
 * prober.probe(audit.runtime(), replacement).onSuccess(observed -> {
 *     if (observed.reachable()) {
 *         List<Drift> drift = victim.fingerprint().diff(observed.fingerprint());
 *     }
 * });
 * }</pre>
 */
@FunctionalInterface
public interface MemberProber {

    Future<Observed> probe(GroupRuntime group, Member member);
}
