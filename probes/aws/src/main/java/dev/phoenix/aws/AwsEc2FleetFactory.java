package dev.phoenix.aws;

import dev.phoenix.fleet.Fleet;
import dev.phoenix.fleet.FleetFactory;
import dev.phoenix.fleet.FleetSpec;
import dev.phoenix.spi.ProviderContext;
import dev.phoenix.spi.Settings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code aws-ec2}: the EC2 instances matching tag filters (and, optionally, a list of ids).
 * Standalone instances are mutable and members of an Auto Scaling group immutable, unless the
 * group's config or the instance's {@code phoenix:mutability} tag says otherwise.
 *
 * <pre>{@code
 * source:
 *   aws-ec2:
 *     tags: {role: db, env: prod}                  # every tag must match; '*' matches any value
 *     states: [running]                            # EC2 states to include (default: running)
 *     ids: [i-0abc, i-0def]                        # optional: only these instances
 *     accounts: ["222222222222"]                   # optional: only these of aws.accounts / aws.organization
 *     regions: [eu-west-1]                         # optional: only these regions (without aws.accounts: these regions
 *                                                  #   of the credentials' own account)
 * }</pre>
 */
public final class AwsEc2FleetFactory implements FleetFactory {

    static final List<String> KEYS = List.of("tags", "states", "ids", "poll-interval", "accounts", "regions");
    static final Set<String> STATES = Set.of("pending", "running", "shutting-down", "terminated", "stopping", "stopped");

    @Override
    public String name() {
        return "aws-ec2";
    }

    @Override
    public List<String> keys() {
        return KEYS;
    }

    @Override
    public Fleet create(FleetSpec spec, ProviderContext ctx) {
        Settings s = spec.source();
        if (!s.isMap()) {
            throw s.error("expected a map such as {tags: {role: db}, states: [running]}");
        }
        s.requireKeys(KEYS);
        Map<String, String> tags = s.stringMap("tags");
        List<String> ids = s.strings("ids");
        for (int i = 0; i < ids.size(); i++) {
            if (!ids.get(i).matches("i-[0-9a-f]{8,17}")) {
                throw s.child("ids").error("expected instance ids such as i-0abc12345def67890, found '" + ids.get(i) + "'");
            }
        }
        if (tags.isEmpty() && ids.isEmpty()) {
            throw s.error("an aws-ec2 source needs 'tags' or 'ids' (it would otherwise audit every instance in the region)");
        }
        AwsSettings settings = spec.sections().get(AwsSettings.class);
        AwsFleet.Source source = new AwsFleet.Source(null, tags, ids, states(s), pollInterval(s), s.path());
        return fleet(spec, source, s, settings, ctx);
    }

    /** One fleet in the credentials' own account and region, or one across the accounts and regions configured. */
    static dev.phoenix.fleet.Fleet fleet(FleetSpec spec, AwsFleet.Source source, Settings s, AwsSettings settings, ProviderContext ctx) {
        AwsAccountsFleet.Scope scope = scope(s, settings);
        if (!settings.multiAccount() && scope.regions().isEmpty()) {
            return new AwsFleet(spec.group(), spec.mutability(), spec.optIn(), source, settings, ctx);
        }
        return new AwsAccountsFleet(spec.group(), spec.mutability(), spec.optIn(), source, scope, settings, ctx);
    }

    /** The source's {@code accounts} and {@code regions}; none for the short forms. */
    static AwsAccountsFleet.Scope scope(Settings s, AwsSettings settings) {
        if (!s.isMap()) {
            return new AwsAccountsFleet.Scope(List.of(), List.of(), s.path());
        }
        List<String> accounts = s.strings("accounts");
        for (String id : accounts) {
            AwsAccount.accountId(s.child("accounts"), id);
            if (!settings.multiAccount()) {
                throw s.child("accounts").error("account " + id + " is not audited: list it in aws.accounts or configure "
                        + "aws.organization");
            }
            if (settings.organization().isEmpty() && settings.account(id).isEmpty()) {
                throw s.child("accounts").error("account " + id + " is not in aws.accounts"
                        + dev.phoenix.spi.Suggest.didYouMean(id, settings.accounts().stream().map(AwsAccount::id).toList()));
            }
        }
        List<String> regions = s.has("regions") ? AwsAccount.regions(s, settings.region()) : List.of();
        return new AwsAccountsFleet.Scope(accounts, regions, s.path());
    }

    static List<String> states(Settings s) {
        List<String> states = s.has("states") ? s.strings("states") : List.of("running");
        for (String state : states) {
            if (!STATES.contains(state)) {
                throw s.child("states").error("unknown instance state '" + state + "'"
                        + dev.phoenix.spi.Suggest.didYouMean(state, STATES) + "; valid: " + String.join(", ", new java.util.TreeSet<>(STATES)));
            }
        }
        return states;
    }

    static Duration pollInterval(Settings s) {
        return s.duration("poll-interval", Duration.ofSeconds(1), Duration.ofMillis(1), Duration.ofMinutes(1));
    }
}
