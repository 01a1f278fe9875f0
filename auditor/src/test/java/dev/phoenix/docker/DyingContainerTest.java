package dev.phoenix.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phoenix.audit.AuditEngine;
import dev.phoenix.observe.GroupRuntime;
import dev.phoenix.fleet.Fleet;
import dev.phoenix.fleet.FleetSpec;
import dev.phoenix.model.FactFilter;
import dev.phoenix.model.Member;
import dev.phoenix.probe.Probe;
import dev.phoenix.probe.ProbeSpec;
import dev.phoenix.report.MemberResult;
import dev.phoenix.report.MemberStatus;
import dev.phoenix.spi.ProviderContext;
import dev.phoenix.spi.Settings;
import dev.phoenix.store.LocalObjectStore;
import dev.phoenix.docker.testing.BusyboxContainers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A container that dies between discovery and probing: the member is UNREACHABLE and the audit completes. */
@ExtendWith(VertxExtension.class)
class DyingContainerTest {

    @TempDir
    Path dir;

    private BusyboxContainers boxes;
    private ProviderContext ctx;

    @BeforeEach
    void start(Vertx vertx) {
        boxes = BusyboxContainers.create();
        ctx = ProviderContext.create(vertx, Clock.systemUTC(), 7L, Map.of());
    }

    @AfterEach
    void cleanUp() {
        boxes.close();
    }

    /** The real docker fleet, except that right after discovery it kills one container, as a crash would. */
    private final class ContainerKillingFleet implements Fleet {
        private final Fleet real;
        private final String victim;

        ContainerKillingFleet(Fleet real, String victim) {
            this.real = real;
            this.victim = victim;
        }

        @Override
        public String provider() {
            return real.provider();
        }

        @Override
        public Future<List<Member>> discover() {
            return real.discover().compose(members -> ctx.blocking().executeBlocking(() -> {
                boxes.kill(victim);
                return members;
            }, false));
        }

        @Override
        public Future<Member> replace(Member member, Duration timeout) {
            return real.replace(member, timeout);
        }

        @Override
        public Future<Void> close() {
            return real.close();
        }
    }

    @Test
    void aContainerThatDiesDuringProbing_isUnreachable_andTheAuditCompletes(VertxTestContext test) {
        var dying = boxes.start("api", Map.of("app", "api"));
        var healthy = boxes.start("api", Map.of("app", "api"));
        dev.phoenix.spi.Sections root = dev.phoenix.spi.Sections.load(Settings.empty(""), Map.of());
        Fleet fleet = new DockerFleetFactory().create(new FleetSpec("api", Settings.of("source.docker",
                Map.of("labels", Map.of(BusyboxContainers.RUN_LABEL, boxes.run()))), Optional.empty(),
                dev.phoenix.model.ChaosOptIn.defaults(), root, dir), ctx);
        List<Probe> probes = List.of(
                new DockerInspectProbeFactory().create(ProbeSpec.of("api", Settings.empty("p0"), root), ctx),
                new DockerDiffProbeFactory().create(ProbeSpec.of("api", Settings.empty("p1"), root), ctx),
                new ExecProbeFactory().create(ProbeSpec.of("api", Settings.of("p2",
                        Map.of("name", "app-conf", "command", List.of("sha256sum", "/etc/app.conf"))), root), ctx),
                new dev.phoenix.http.HttpProbeFactory().create(ProbeSpec.of("api", Settings.of("p3",
                        Map.of("url", "http://{host}:{port}/state", "name", "state", "timeout", "2s")), root), ctx));
        GroupRuntime group = new GroupRuntime("api", new ContainerKillingFleet(fleet, dying.id()), probes, FactFilter.none(),
                FactFilter.of(List.of("docker.env.PORT", "docker.exposedPorts")));
        AuditEngine engine = new AuditEngine(ctx,
                dev.phoenix.baseline.Baselines.in(new LocalObjectStore(dir.resolve(".phoenix"), ctx.blocking()), ctx));
        engine.run(List.of(group), new AuditEngine.Options(false, true, 8, Duration.ofSeconds(20), null), prober -> null)
                .eventually(fleet::close)
                .onComplete(test.succeeding(outcome -> test.verify(() -> {
                    List<MemberResult> members = outcome.scorecard().members();
                    MemberResult dead = members.stream().filter(m -> m.id().equals(dying.shortId())).findFirst().orElseThrow();
                    assertThat(dead.status()).isEqualTo(MemberStatus.UNREACHABLE);
                    assertThat(dead.probeErrors()).extracting(e -> e.probe()).contains("docker-inspect", "exec:app-conf", "http:state");
                    assertThat(dead.probeErrors()).anyMatch(e -> e.cause().contains("is not running"));
                    assertThat(members).filteredOn(m -> m.id().equals(healthy.shortId())).extracting(MemberResult::status)
                            .containsExactly(MemberStatus.BASELINED);
                    assertThat(outcome.unreachable()).isEmpty();
                    test.completeNow();
                })));
    }
}
