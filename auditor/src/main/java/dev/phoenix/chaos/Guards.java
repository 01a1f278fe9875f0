package dev.phoenix.chaos;

import dev.phoenix.model.Mutability;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The standard guardrails, in the order they are evaluated: cheap and group-wide first, and
 * {@link #unleashed()} last, so that a dry run shows which member every other guard would let
 * through.
 *
 * <pre>{@code
 * new ChaosRun(ctx, settings, ChaosExecutor.unleashed(), ledger, killSwitch, Guards.standard(), prober, baselines)
 * }</pre>
 */
public final class Guards {

    private Guards() {
    }

    public static List<Guard> standard() {
        return List.of(killSwitch(), stopCondition(), enabled(), haltAfterFailure(), window(), minInterval(),
                optIn(), account(), immutableOnly(), reachable(), maxPerGroup(), minHealthy(), unleashed());
    }

    /**
     * The run's executor really terminates ({@code --unleash} with {@code chaos.enabled}); a run with the
     * leashed twin only says what it would have done.
     */
    public static Guard unleashed() {
        return guard("unleashed", false, true, (c, ctx) -> ctx.unleashed() ? Optional.empty()
                : Optional.of("leashed dry run: would have replaced " + c.victim().id()
                + " (chaos.enabled is set; pass --unleash to inject)"));
    }

    /** A file, an environment variable or an API call stops new terminations at once. */
    public static Guard killSwitch() {
        return guard("kill-switch", true, (c, ctx) -> ctx.killSwitch().map(r -> "kill switch engaged (" + r + ")"));
    }

    /** Every {@code chaos.stop-conditions} health signal is satisfied (one that cannot be evaluated blocks). */
    public static Guard stopCondition() {
        return guard("stop-condition", true, (c, ctx) -> ctx.stopCondition());
    }

    /** {@code chaos.enabled} must be true in the config. */
    public static Guard enabled() {
        return guard("enabled", true, (c, ctx) -> ctx.settings().enabled() ? Optional.empty()
                : Optional.of("chaos.enabled is false in the config"));
    }

    /** After a replacement fails, the rest of the run's experiments stop. */
    public static Guard haltAfterFailure() {
        return guard("halt-after-failure", true, (c, ctx) -> ctx.haltReason().map(r -> "an earlier experiment in this run failed (" + r + ")"));
    }

    /** Only inside {@code chaos.window}. */
    public static Guard window() {
        return guard("window", true, (c, ctx) -> ctx.settings().window()
                .filter(w -> !w.contains(ctx.now()))
                .map(w -> "outside the chaos window (" + w + ")"));
    }

    /** At least {@code chaos.min-interval} since the group's last termination, as recorded in the ledger. */
    public static Guard minInterval() {
        return guard("min-interval", true, (c, ctx) -> {
            Duration interval = ctx.settings().minInterval();
            if (interval.isZero()) {
                return Optional.empty();
            }
            if (ctx.lastTermination() == null) {
                throw new IllegalStateException("the chaos ledger could not be read");
            }
            Instant last = ctx.lastTermination().get(c.group());
            if (last != null && last.plus(interval).isAfter(ctx.now())) {
                return Optional.of("group " + c.group() + " last lost a member at " + last + "; min-interval is "
                        + interval + ", next allowed at " + last.plus(interval));
            }
            return Optional.empty();
        });
    }

    /** The member is opted in: its fleet found the opt-in tag or label ({@code opt-in} or {@code true}) on it. */
    public static Guard optIn() {
        return guard("opt-in", false, (c, ctx) -> c.victim().chaosOptIn() ? Optional.empty()
                : Optional.of(c.victim().id() + " is not opted in (" + ctx.settings().optIn().describe() + ")"));
    }

    /** With {@code chaos.accounts}, only members of those AWS accounts (a member of no known account is not one). */
    public static Guard account() {
        return guard("account", false, (c, ctx) -> ctx.settings().coversAccount(c.victim().attribute("account")) ? Optional.empty()
                : Optional.of(c.victim().id() + " is in " + (c.victim().attribute("account") == null ? "no known account"
                : "account " + c.victim().attribute("account")) + ", not in chaos.accounts " + ctx.settings().accounts()));
    }

    /** Never a mutable member. */
    public static Guard immutableOnly() {
        return guard("immutable-only", false, (c, ctx) -> c.victim().mutability() == Mutability.MUTABLE
                ? Optional.of(c.victim().id() + " is mutable; only immutable members are replaced") : Optional.empty());
    }

    /** The victim must have answered its probes, or its replacement could not be compared with it. */
    public static Guard reachable() {
        return guard("reachable", false, (c, ctx) -> !c.reachable()
                ? Optional.of(c.victim().id() + " did not answer its probes, so its replacement could not be compared")
                : Optional.empty());
    }

    /** At most {@code chaos.max-per-group} victims per group per run. */
    public static Guard maxPerGroup() {
        return guard("max-per-group", true, (c, ctx) -> ctx.victims(c.group()) >= ctx.settings().maxPerGroup()
                ? Optional.of("max-per-group is " + ctx.settings().maxPerGroup() + " and group " + c.group() + " already had "
                + ctx.victims(c.group())) : Optional.empty());
    }

    /**
     * Never below {@code chaos.min-healthy} members in service, counted against the members the group
     * should have (its expected size) rather than those that happened to answer; a group already short
     * of its expected size never loses a member.
     */
    public static Guard minHealthy() {
        return guard("min-healthy", true, (c, ctx) -> {
            ChaosSettings.MinHealthy min = ctx.settings().minHealthy();
            boolean known = c.expected() > 0;
            int size = known ? c.expected() : c.groupSize();
            if (size <= 0) {
                throw new IllegalStateException("group size of " + c.group() + " is unknown");
            }
            if (known && c.inService() < c.expected()) {
                return Optional.of("group " + c.group() + " has " + c.inService() + " of " + c.expected()
                        + " expected members in service; chaos takes no member from a group below its expected size");
            }
            int required = min.required(size);
            int left = c.inService() - ctx.victims(c.group()) - (c.reachable() ? 1 : 0);
            return left < required
                    ? Optional.of("group " + c.group() + " would have " + left + " of " + size + (known ? " expected" : "")
                    + " members in service; min-healthy is " + min + " (" + required + ")")
                    : Optional.empty();
        });
    }

    @FunctionalInterface
    interface Check {
        Optional<String> check(Candidate c, GuardContext ctx) throws Exception;
    }

    static Guard guard(String name, boolean groupWide, Check check) {
        return guard(name, groupWide, false, check);
    }

    private static Guard guard(String name, boolean groupWide, boolean countsAsVictim, Check check) {
        return new Guard() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean groupWide() {
                return groupWide;
            }

            @Override
            public boolean countsAsVictim() {
                return countsAsVictim;
            }

            @Override
            public Optional<String> check(Candidate candidate, GuardContext ctx) throws Exception {
                return check.check(candidate, ctx);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}
