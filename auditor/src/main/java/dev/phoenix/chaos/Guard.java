package dev.phoenix.chaos;

import java.util.Optional;

/**
 * One guardrail, evaluated before any termination. Returns why not to inject, or empty.
 * A guard that throws blocks the action: chaos fails closed.
 *
 * <pre>{@code
 * Guard window = Guards.window();
 * window.check(candidate, ctx)   // Optional["outside the chaos window MON-FRI 09:00-17:00 UTC"]
 * }</pre>
 */
public interface Guard {

    /** Short name shown in skip reasons, e.g. {@code min-healthy}. */
    String name();

    /** Whether a block applies to the whole group (stop drawing victims there) rather than to this member. */
    boolean groupWide();

    Optional<String> check(Candidate candidate, GuardContext ctx) throws Exception;
}
