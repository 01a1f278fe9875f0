package dev.phoenix.aws;

import dev.phoenix.fleet.Fleet;
import dev.phoenix.fleet.FleetFactory;
import dev.phoenix.fleet.FleetSpec;
import dev.phoenix.spi.ProviderContext;
import dev.phoenix.spi.Settings;
import java.time.Duration;
import java.util.List;

/**
 * {@code aws-asg}: the InService members of one Auto Scaling group. Members are immutable unless
 * the group's config or their {@code phoenix:mutability} tag says otherwise; a member takes part
 * in chaos only with the opt-in tag ({@code phoenix:chaos: opt-in}).
 *
 * <pre>{@code
 * source: {aws-asg: web-asg}                       # the group's name
 * source:
 *   aws-asg:
 *     name: web-asg
 *     states: [running]                            # EC2 states to include (default: running)
 *     tags: {team: web}                            # only members with these tags ('*' = any value)
 *     poll-interval: 1s                            # first wait between checks for a replacement (backs off to 15s)
 *     accounts: ["222222222222"]                   # optional: only these of aws.accounts / aws.organization
 *     regions: [eu-west-1]                         # optional: only these regions
 * }</pre>
 *
 * With {@code aws.accounts} or {@code aws.organization}, the group is the Auto Scaling groups of
 * that name in every account and region audited (or in its {@code accounts} and {@code regions}).
 *
 * The region, endpoint and profile come from the config's {@code aws:} section.
 */
public final class AwsAsgFleetFactory implements FleetFactory {

    static final List<String> KEYS = List.of("name", "states", "tags", "poll-interval", "accounts", "regions");

    @Override
    public String name() {
        return "aws-asg";
    }

    @Override
    public List<String> keys() {
        return KEYS;
    }

    @Override
    public Fleet create(FleetSpec spec, ProviderContext ctx) {
        Settings s = spec.source();
        String name;
        List<String> states;
        Duration poll;
        java.util.Map<String, String> tags;
        if (s.isScalar()) {
            name = s.asString();
            states = List.of("running");
            poll = Duration.ofSeconds(1);
            tags = java.util.Map.of();
        } else {
            s.requireKeys(KEYS);
            name = s.string("name");
            states = AwsEc2FleetFactory.states(s);
            poll = AwsEc2FleetFactory.pollInterval(s);
            tags = s.stringMap("tags");
        }
        if (!name.matches("[\\p{L}\\p{N} _.:/@+=-]{1,255}")) {
            throw (s.isScalar() ? s : s.child("name")).error("not a valid Auto Scaling group name: '" + name + "'");
        }
        AwsSettings settings = spec.sections().get(AwsSettings.class);
        AwsFleet.Source source = new AwsFleet.Source(name, tags, List.of(), states, poll, s.path());
        return AwsEc2FleetFactory.fleet(spec, source, s, settings, ctx);
    }
}
