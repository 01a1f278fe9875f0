package dev.phoenix.aws;

import dev.phoenix.model.FactFilter;
import dev.phoenix.probe.Probe;
import dev.phoenix.probe.ProbeFactory;
import dev.phoenix.probe.ProbeSpec;
import dev.phoenix.spi.ProviderContext;
import dev.phoenix.spi.Settings;
import java.time.Duration;
import java.util.List;

/**
 * {@code aws-instance}: the EC2-side facts of a member — image, instance type, security groups,
 * IAM instance profile, subnet and VPC, key pair, user-data digest, metadata options (IMDSv2),
 * EBS volumes, launch template and version, tags — as {@code aws.*} facts; instance id,
 * addresses and launch time are identity facts.
 *
 * <pre>{@code
 * probes:
 *   - aws-instance
 *   - {aws-instance: {user-data: false, volumes: true, ignore-tags: [CostCenter, "team:*"]}}
 * }</pre>
 */
public final class AwsInstanceProbeFactory implements ProbeFactory {

    static final List<String> KEYS = List.of("user-data", "volumes", "ignore-tags", "batch-window");

    @Override
    public String name() {
        return AwsInstanceProbe.NAME;
    }

    @Override
    public List<String> keys() {
        return KEYS;
    }

    @Override
    public Probe create(ProbeSpec spec, ProviderContext ctx) {
        Settings s = spec.settings().requireKeys(KEYS);
        Duration window = s.duration("batch-window", Duration.ofMillis(20));
        if (window.isNegative() || window.toMillis() > 10_000) {
            throw s.child("batch-window").error("must be between 0 and 10s");
        }
        AwsInstanceProbe.Options options = new AwsInstanceProbe.Options(s.bool("user-data", true), s.bool("volumes", true),
                FactFilter.of(s.strings("ignore-tags")), Math.max(1, window.toMillis()));
        return new AwsInstanceProbe(options, spec.sections().get(AwsSettings.class), ctx);
    }
}
