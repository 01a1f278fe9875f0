package dev.phoenix.docker;

import dev.phoenix.model.Member;
import dev.phoenix.model.Observation;
import dev.phoenix.spi.Errors;
import dev.phoenix.spi.ProviderContext;
import io.vertx.core.Future;
import java.util.function.Function;

/** What the docker probes share: finding the member's engine and turning failures into failed observations. */
final class ContainerProbeSupport {

    private ContainerProbeSupport() {
    }

    /**
     * Runs {@code work} against the engine the member was discovered on; any failure becomes a
     * failed observation naming the probe, the container and the cause.
     */
    static Future<Observation> observe(ProviderContext ctx, String probe, Member member,
                                       Function<DockerEngine, Future<Observation>> work) {
        String host = member.attribute("docker.host");
        if (host == null || host.isEmpty()) {
            return Future.succeededFuture(Observation.failed(probe, member.id() + " is not a docker container "
                    + "(no docker.host attribute; " + probe + " needs a docker source)"));
        }
        return DockerEngines.of(ctx).use(host, work)
                .otherwise(e -> Observation.failed(probe, describe(member, e)));
    }

    static String describe(Member member, Throwable e) {
        if (e instanceof DockerEngine.DockerCallException dce && dce.status() == 404) {
            return "container " + label(member) + " no longer exists";
        }
        return Errors.message(e);
    }

    static String label(Member member) {
        String name = member.attribute("name");
        return name == null ? member.id() : name + " (" + member.id() + ")";
    }
}
