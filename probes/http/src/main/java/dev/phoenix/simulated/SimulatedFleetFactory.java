package dev.phoenix.simulated;

import dev.phoenix.fleet.Fleet;
import dev.phoenix.fleet.FleetFactory;
import dev.phoenix.fleet.FleetSpec;
import dev.phoenix.model.MemberKind;
import dev.phoenix.model.Mutability;
import dev.phoenix.spi.ProviderContext;
import dev.phoenix.spi.Settings;
import java.time.Duration;
import java.util.List;

/**
 * {@code simulated}: a group of in-process members on 127.0.0.1.
 *
 * <pre>{@code
 * source:
 *   simulated:
 *     members: 4            # how many
 *     kind: instance        # instance | container (immutable by default) | host (mutable)
 *     image: web            # image name (default: the group name)
 *     version: 1.0.0        # image version; part of the provenance baselines are tied to
 *     chaos: true           # opted in to chaos (default: true for immutable kinds)
 *     boot-delay: 100ms     # how long a replacement takes to boot (seeded jitter around it)
 *     per-listener: 1       # members per HTTP listener; above 1 they share a port, each at /m/<id>/state
 *     drift-rate: 0.0       # per audit after the first, chance that each mutable host drifts
 *     mutate-rate: 0.0      # per audit after the first, chance that each immutable member is changed in place
 * }</pre>
 */
public final class SimulatedFleetFactory implements FleetFactory {

    static final List<String> KEYS = List.of("members", "kind", "image", "version", "chaos", "boot-delay",
            "per-listener", "drift-rate", "mutate-rate");

    @Override
    public String name() {
        return "simulated";
    }

    @Override
    public List<String> keys() {
        return KEYS;
    }

    @Override
    public Fleet create(FleetSpec spec, ProviderContext ctx) {
        Settings s = spec.source().requireKeys(KEYS);
        MemberKind kind = kind(s);
        Mutability mutability = Mutability.resolve(null, spec.mutability(),
                kind == MemberKind.HOST ? Mutability.MUTABLE : Mutability.IMMUTABLE);
        String image = s.string("image", spec.group());
        if (!image.matches("[A-Za-z0-9._-]+")) {
            throw s.child("image").error("must be letters, digits, '.', '-' or '_', found '" + image + "'");
        }
        Duration bootDelay = s.duration("boot-delay", Duration.ofMillis(100));
        SimulatedFleet.Options options = new SimulatedFleet.Options(
                spec.group(),
                s.integer("members", 3, 0, 1_000_000),
                kind,
                mutability,
                s.bool("chaos", mutability == Mutability.IMMUTABLE),
                new SimulatedImage(image, s.string("version", "1.0.0")),
                bootDelay,
                s.integer("per-listener", 1, 1, 10_000),
                s.decimal("drift-rate", 0, 0, 1),
                s.decimal("mutate-rate", 0, 0, 1));
        return new SimulatedFleet(options, ctx);
    }

    private static MemberKind kind(Settings s) {
        String text = s.string("kind", "instance");
        return MemberKind.parse(text)
                .orElseThrow(() -> s.child("kind").error("expected instance, container or host, found '" + text + "'"));
    }
}
