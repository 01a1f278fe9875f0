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

    /**
     * Whether a member this guard blocks still counts as one of its group's victims in this run
     * ({@code max-per-group}): true for the dry-run guard, whose block means every other guard let
     * the member through, so that a leashed run names as many would-be victims as a real one would take.
     */
    default boolean countsAsVictim() {
        return false;
    }

    Optional<String> check(Candidate candidate, GuardContext ctx) throws Exception;
}
