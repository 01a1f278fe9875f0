package dev.phoenix.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phoenix.fleet.Fleet;
import dev.phoenix.fleet.FleetSpec;
import dev.phoenix.model.Member;
import dev.phoenix.model.MemberKind;
import dev.phoenix.model.Mutability;
import dev.phoenix.spi.ConfigException;
import dev.phoenix.spi.ProviderContext;
import dev.phoenix.spi.Sections;
import dev.phoenix.spi.Settings;
import dev.phoenix.docker.testing.BusyboxContainers;
import dev.phoenix.testing.MutableClock;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The docker fleet against the real engine. */
@ExtendWith(VertxExtension.class)
class DockerFleetTest {

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

    private Fleet fleet(Map<String, Object> source, Optional<Mutability> mutability) {
        return new DockerFleetFactory().create(FleetSpec.of("api", Settings.of("groups[0].source.docker", source), mutability,
                Sections.load(Settings.empty(""), Map.of())), ctx);
    }

    private Map<String, Object> byRun(String app) {
        return Map.of("labels", Map.of(BusyboxContainers.RUN_LABEL, boxes.run(), "app", app));
    }

    @Test
    void discovery_selectsContainersByLabel_inEveryState_asImmutableContainerMembers(VertxTestContext test) {
        var a = boxes.start("api", Map.of("app", "api"));
        var b = boxes.start("api", Map.of("app", "api", "phoenix.mutability", "mutable", "phoenix.chaos", "opt-in"));
        boxes.start("other", Map.of("app", "web"));
        var stopped = boxes.start("api", Map.of("app", "api"));
        boxes.kill(stopped.id());
        Fleet fleet = fleet(byRun("api"), Optional.empty());
        fleet.discover().onComplete(test.succeeding(members -> test.verify(() -> {
            assertThat(members).extracting(Member::id).containsExactlyInAnyOrder(a.shortId(), b.shortId(), stopped.shortId());
            Member down = members.stream().filter(m -> m.id().equals(stopped.shortId())).findFirst().orElseThrow();
            assertThat(down.inService()).isFalse();
            assertThat(down.down()).contains("is not running (exited").contains("exit code 137");
            List<Member> running = members.stream().filter(Member::inService).toList();
            assertThat(running).extracting(Member::id).containsExactly(a.shortId(), b.shortId());
            Member first = running.get(0);
            assertThat(first.kind()).isEqualTo(MemberKind.CONTAINER);
            assertThat(first.provider()).isEqualTo("docker");
            assertThat(first.mutability()).isEqualTo(Mutability.IMMUTABLE);
            assertThat(first.chaosOptIn()).isFalse();
            assertThat(first.provenance()).startsWith("sha256:").isEqualTo(boxes.inspect(a.id()).getImageId());
            assertThat(first.attributes()).containsEntry("name", a.name()).containsEntry("host", "127.0.0.1")
                    .containsEntry("port", String.valueOf(a.port())).containsEntry("network", "host")
                    .containsEntry("label:app", "api").containsEntry("docker.host", "unix:///var/run/docker.sock");
            Member second = running.get(1);
            assertThat(second.mutability()).isEqualTo(Mutability.MUTABLE);
            assertThat(second.attribute("label:phoenix.chaos")).isEqualTo("opt-in");
            fleet.close().onComplete(test.succeedingThenComplete());
        })));
    }

    @Test
    void namePatterns_narrowTheSelection_andTheGroupSettingAppliesWithoutALabel(VertxTestContext test) {
        var a = boxes.start("alpha", Map.of("app", "api"));
        boxes.start("beta", Map.of("app", "api"));
        Fleet fleet = fleet(Map.of("labels", Map.of(BusyboxContainers.RUN_LABEL, boxes.run()), "names", List.of("phx-alpha-*")),
                Optional.of(Mutability.MUTABLE));
        fleet.discover().onComplete(test.succeeding(members -> test.verify(() -> {
            assertThat(members).extracting(Member::id).containsExactly(a.shortId());
            assertThat(members.get(0).mutability()).isEqualTo(Mutability.MUTABLE);
            test.completeNow();
        })));
    }

    @Test
    void anEngineThatIsNotRunning_failsDiscoveryAsUnreachable_withAOneLineReason(VertxTestContext test) {
        Fleet fleet = fleet(Map.of("labels", Map.of("app", "api"), "host", "unix:///tmp/phoenix-no-such-engine.sock"), Optional.empty());
        fleet.discover().onComplete(test.failing(e -> test.verify(() -> {
            assertThat(e).isInstanceOf(Fleet.UnreachableException.class);
            assertThat(e.getMessage()).contains("cannot reach the Docker engine at unix:///tmp/phoenix-no-such-engine.sock")
                    .doesNotContain("\n");
            test.completeNow();
        })));
    }

    @Test
    void fleetsOfOneEngine_shareOneClient_closedWithTheLastFleet(VertxTestContext test) {
        DockerEngines engines = DockerEngines.of(ctx);
        Fleet first = fleet(byRun("api"), Optional.empty());
        Fleet second = fleet(byRun("web"), Optional.empty());
        Fleet other = fleet(Map.of("labels", Map.of("app", "x"), "host", "unix:///tmp/phoenix-other.sock"), Optional.empty());
        assertThat(engines.open()).isEqualTo(2);
        first.close()
                .compose(v -> {
                    test.verify(() -> assertThat(engines.open()).isEqualTo(2));
                    return second.close();
                })
                .compose(v -> other.close())
                .onComplete(test.succeeding(v -> test.verify(() -> {
                    assertThat(engines.open()).isZero();
                    test.completeNow();
                })));
    }

    @Test
    void aSourceWithoutLabelsOrNames_isAConfigErrorNamingTheKey() {
        Assertions.assertThatThrownBy(() -> fleet(Map.of("host", "unix:///var/run/docker.sock"), Optional.empty()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("needs 'labels' or 'names'")
                .extracting(e -> ((ConfigException) e).path()).isEqualTo("groups[0].source.docker");
    }

    @Test
    void replace_recreatesTheContainerFromItsSpec_underTheSameName_withTheSameLabels(VertxTestContext test) {
        var victim = boxes.start("api", Map.of("app", "api", "com.docker.compose.project", "shop",
                "com.docker.compose.service", "api", "phoenix.chaos", "opt-in"), List.of("CMD-SHELL",
                "wget -q -O /dev/null http://127.0.0.1:$PORT/state"));
        Fleet fleet = fleet(byRun("api"), Optional.empty());
        fleet.discover()
                .compose(members -> fleet.replace(members.get(0), Duration.ofSeconds(60)))
                .onComplete(test.succeeding(replacement -> test.verify(() -> {
                    assertThat(boxes.exists(victim.id())).as("victim removed").isFalse();
                    var info = boxes.inspect(replacement.id());
                    assertThat(info.getState().getRunning()).isTrue();
                    assertThat(info.getState().getHealth().getStatus()).as("waited until healthy").isEqualTo("healthy");
                    assertThat(replacement.id()).isNotEqualTo(victim.shortId());
                    assertThat(replacement.attribute("name")).isEqualTo(victim.name());
                    assertThat(info.getConfig().getLabels()).containsEntry("com.docker.compose.project", "shop")
                            .containsEntry("com.docker.compose.service", "api").containsEntry("phoenix.chaos", "opt-in")
                            .containsEntry(BusyboxContainers.RUN_LABEL, boxes.run());
                    assertThat(info.getConfig().getEnv()).contains("PORT=" + victim.port());
                    assertThat(info.getHostConfig().getNetworkMode()).isEqualTo("host");
                    assertThat(info.getHostConfig().getInit()).isTrue();
                    test.completeNow();
                })));
    }

    @Test
    void replaceWhoseDeadlinePassedBeforeTheStop_leavesTheVictimRunning(Vertx vertx, VertxTestContext test) {
        var victim = boxes.start("api", Map.of("app", "api"));
        // every reading of the clock is a minute later: by the time the spec is captured, a 30 s replace is over
        ctx = ProviderContext.create(vertx, new MutableClock(Instant.parse("2026-01-01T00:00:00Z"), Duration.ofMinutes(1)), 7L,
                Map.of());
        Fleet fleet = fleet(byRun("api"), Optional.empty());
        fleet.discover()
                .compose(members -> fleet.replace(members.get(0), Duration.ofSeconds(30)))
                .onComplete(test.failing(e -> test.verify(() -> {
                    assertThat(e).hasMessageStartingWith("not stopping " + victim.name()).hasMessageContaining("deadline passed");
                    assertThat(boxes.inspect(victim.id()).getState().getRunning()).as("victim still running").isTrue();
                    assertThat(boxes.containers()).hasSize(1);
                    fleet.close().onComplete(test.succeedingThenComplete());
                })));
    }
}
