package dev.phoenix.aws;

import dev.phoenix.spi.ProviderContext;
import io.vertx.core.Future;
import java.net.URI;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * What the tests that watch {@link AwsFleet} through a {@link RecordingAwsProxy} build alike:
 * settings for an endpoint, the two kinds of fleet, a run id, an image to launch.
 *
 * <pre>{@code
 * AwsFleet fleet = ProxiedFleets.standalone(ctx, run, proxy.endpoint(), 3);   // aws-ec2 by phoenix:run, 3 attempts a call
 * }</pre>
 */
final class ProxiedFleets {

    private ProxiedFleets() {
    }

    static String runId(String prefix) {
        return prefix + "-" + HexFormat.of().toHexDigits(new Random().nextInt());
    }

    static AwsSettings settings(URI endpoint, int maxAttempts) {
        return new AwsSettings("us-east-1", Optional.of(endpoint), Optional.empty(), maxAttempts, Duration.ofSeconds(30));
    }

    /** {@code aws-ec2}: running instances tagged {@code phoenix:run=<run>}. */
    static AwsFleet standalone(ProviderContext ctx, String run, URI endpoint, int maxAttempts) {
        return new AwsFleet("batch", Optional.empty(), dev.phoenix.model.ChaosOptIn.defaults(), new AwsFleet.Source(null, Map.of("phoenix:run", run), List.of(),
                List.of("running"), Duration.ofMillis(100), "groups[0].source.aws-ec2"), settings(endpoint, maxAttempts), ctx);
    }

    /** {@code aws-asg}: the group's running instances. */
    static AwsFleet autoScaling(ProviderContext ctx, String group, URI endpoint) {
        return new AwsFleet("web", Optional.empty(), dev.phoenix.model.ChaosOptIn.defaults(), new AwsFleet.Source(group, Map.of(), List.of(),
                List.of("running"), Duration.ofMillis(100), "groups[0].source.aws-asg"), settings(endpoint, 1), ctx);
    }

    /** The first image the emulator lists as Amazon's. */
    static Future<String> amazonImage(AwsClients aws) {
        return aws.call(c -> c.ec2().describeImages(r -> r.owners("amazon"))).map(images -> images.images().get(0).imageId());
    }
}
