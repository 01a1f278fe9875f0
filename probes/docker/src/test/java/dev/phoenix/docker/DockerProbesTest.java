package dev.phoenix.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phoenix.fleet.Fleet;
import dev.phoenix.fleet.FleetSpec;
import dev.phoenix.model.Fact;
import dev.phoenix.model.Fingerprint;
import dev.phoenix.model.Member;
import dev.phoenix.model.Observation;
import dev.phoenix.probe.Probe;
import dev.phoenix.probe.ProbeFactory;
import dev.phoenix.probe.ProbeSpec;
import dev.phoenix.spi.ProviderContext;
import dev.phoenix.spi.Sections;
import dev.phoenix.spi.Settings;
import dev.phoenix.docker.testing.BusyboxContainers;
import dev.phoenix.docker.testing.DockerImages;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** docker-inspect, docker-diff and exec against containers on the real engine. */
@ExtendWith(VertxExtension.class)
class DockerProbesTest {

    private BusyboxContainers boxes;
    private ProviderContext ctx;
    private Fleet fleet;

    @BeforeEach
    void start(Vertx vertx) {
        boxes = BusyboxContainers.create();
        ctx = ProviderContext.create(vertx, Clock.systemUTC(), 7L, Map.of());
        fleet = new DockerFleetFactory().create(FleetSpec.of("api", Settings.of("source.docker",
                Map.of("labels", Map.of(BusyboxContainers.RUN_LABEL, boxes.run()))), Optional.empty(), Sections.load(Settings.empty(""), Map.of())), ctx);
    }

    @AfterEach
    void cleanUp() {
        fleet.close();
        boxes.close();
    }

    private Probe probe(ProbeFactory factory, Map<String, Object> settings) {
        return factory.create(ProbeSpec.of("api", Settings.of("probes[0]", settings), Sections.load(Settings.empty(""), Map.of())), ctx);
    }

    /** Discovers the run's containers and observes the first one with {@code probe}. */
    private Future<Observation> observeFirst(Probe probe) {
        return fleet.discover().compose(members -> probe.observe(members.get(0)));
    }

    private static Map<String, String> state(Observation o) {
        return o.facts().stream().filter(f -> !f.identity()).collect(Collectors.toMap(Fact::key, Fact::value));
    }

    @Test
    void dockerInspect_reportsTheCreationSpec_andNeverASecretInClear(VertxTestContext test) {
        var box = boxes.start("api", Map.of("app", "api", "com.docker.compose.container-number", "1"));
        Probe probe = probe(new DockerInspectProbeFactory(), Map.of());
        observeFirst(probe).onComplete(test.succeeding(o -> test.verify(() -> {
            assertThat(o.succeeded()).as(String.valueOf(o.error())).isTrue();
            Map<String, String> facts = state(o);
            assertThat(facts).containsEntry("docker.image", DockerImages.BUSYBOX)
                    .containsEntry("docker.image.id", boxes.inspect(box.id()).getImageId())
                    .containsEntry("docker.cmd", "[\"sh\",\"-c\",\"exec httpd -f -p 127.0.0.1:$PORT -h /www\"]")
                    .containsEntry("docker.entrypoint", "[]")
                    .containsEntry("docker.env.PORT", String.valueOf(box.port()))
                    .containsEntry("docker.label.app", "api")
                    .containsEntry("docker.network.mode", "host")
                    .containsEntry("docker.exposedPorts", box.port() + "/tcp")
                    .containsEntry("docker.restartPolicy", "no")
                    .containsEntry("docker.healthcheck", "none")
                    .containsEntry("docker.init", "true")
                    .containsEntry("docker.image.repoDigests", "none");
            assertThat(facts).doesNotContainKey("docker.label.com.docker.compose.container-number");
            assertThat(o.facts()).filteredOn(Fact::identity).extracting(Fact::key)
                    .contains("docker.id", "docker.name", "docker.created", "docker.pid", "docker.label.com.docker.compose.container-number");
            test.completeNow();
        })));
    }

    @Test
    void dockerInspect_hashesSecretLookingVariables(VertxTestContext test) {
        var box = boxes.start("api", Map.of("app", "api"));
        String id = boxes.client().createContainerCmd(DockerImages.BUSYBOX).withName(boxes.name("secret"))
                .withLabels(Map.of(BusyboxContainers.RUN_LABEL, boxes.run(), "app", "secret"))
                .withEnv("DB_PASSWORD=hunter2", "LOG_LEVEL=info").withCmd("sleep", "300")
                .withHostConfig(com.github.dockerjava.api.model.HostConfig.newHostConfig().withNetworkMode("host").withInit(true))
                .exec().getId();
        boxes.client().startContainerCmd(id).exec();
        Probe probe = probe(new DockerInspectProbeFactory(), Map.of());
        fleet.discover()
                .compose(members -> probe.observe(members.stream().filter(m -> m.id().equals(id.substring(0, 12))).findFirst().orElseThrow()))
                .onComplete(test.succeeding(o -> test.verify(() -> {
                    assertThat(box).isNotNull();
                    assertThat(state(o)).containsEntry("docker.env.LOG_LEVEL", "info")
                            .containsEntry("docker.env.DB_PASSWORD", "sha256:" + Fingerprint.sha256Hex("DB_PASSWORD=hunter2"));
                    assertThat(o.facts()).noneMatch(f -> f.value().contains("hunter2"));
                    test.completeNow();
                })));
    }

    @Test
    void dockerDiff_namesTheFileChangedThroughDockerExec_andIgnoresAllowedPaths(VertxTestContext test) {
        var box = boxes.start("api", Map.of("app", "api"));
        Probe probe = probe(new DockerDiffProbeFactory(), Map.of("allow", List.of("/www/cache")));
        observeFirst(probe)
                .compose(pristine -> {
                    test.verify(() -> assertThat(pristine.facts()).as("a fresh container has no in-place change").isEmpty());
                    boxes.exec(box.id(), "sh", "-c", "echo workers=64 >> /etc/app.conf; echo x > /tmp/scratch; "
                            + "mkdir -p /www/cache; echo y > /www/cache/z; rm /www/state; echo 1 > /var/log/app.log");
                    return observeFirst(probe);
                })
                .onComplete(test.succeeding(o -> test.verify(() -> {
                    assertThat(o.facts()).extracting(Fact::key, Fact::value).containsExactly(
                            org.assertj.core.groups.Tuple.tuple("docker.diff./etc/app.conf", "CHANGED"),
                            org.assertj.core.groups.Tuple.tuple("docker.diff./www/state", "DELETED"));
                    test.completeNow();
                })));
    }

    @Test
    void exec_fingerprintsTheCommandsOutput_andTimesOut(VertxTestContext test) {
        boxes.start("api", Map.of("app", "api"));
        Probe sha = probe(new ExecProbeFactory(), Map.of("name", "app-conf", "command", List.of("sha256sum", "/etc/app.conf")));
        Probe text = probe(new ExecProbeFactory(), Map.of("name", "conf", "command", "cat /etc/app.conf", "output", "text"));
        Probe slow = probe(new ExecProbeFactory(), Map.of("name", "slow", "command", List.of("sleep", "30"), "timeout", "300ms"));
        Probe missing = probe(new ExecProbeFactory(), Map.of("command", List.of("no-such-program")));
        Function<Probe, Future<Observation>> run = this::observeFirst;
        Future.all(run.apply(sha), run.apply(text), run.apply(slow), run.apply(missing))
                .onComplete(test.succeeding(all -> test.verify(() -> {
                    Observation s = all.resultAt(0);
                    String expected = Fingerprint.sha256Hex(Fingerprint.sha256Hex(DockerImages.APP_CONF) + "  /etc/app.conf\n");
                    assertThat(state(s)).containsEntry("exec.app-conf.exit", "0").containsEntry("exec.app-conf.stdout.sha256", expected);
                    assertThat(s.probe()).isEqualTo("exec:app-conf");
                    assertThat(state(all.resultAt(1))).containsEntry("exec.conf.stdout", DockerImages.APP_CONF.strip());
                    Observation timedOut = all.resultAt(2);
                    assertThat(timedOut.succeeded()).isFalse();
                    assertThat(timedOut.error().cause()).contains("exec sleep 30").contains("no result within 300 ms");
                    Observation notFound = all.resultAt(3);
                    assertThat(notFound.succeeded()).isFalse();
                    assertThat(notFound.error().cause()).contains("cannot run the command (exit 12");
                    test.completeNow();
                })));
    }

    @Test
    void aContainerThatDied_isAFailedObservationForEveryProbe_notAnError(VertxTestContext test) {
        var box = boxes.start("api", Map.of("app", "api"));
        List<Probe> probes = List.of(probe(new DockerInspectProbeFactory(), Map.of()),
                probe(new ExecProbeFactory(), Map.of("name", "app-conf", "command", List.of("sha256sum", "/etc/app.conf"))));
        fleet.discover().compose(members -> {
            Member m = members.get(0);
            boxes.kill(box.id());
            return Future.all(probes.stream().map(p -> p.observe(m)).toList());
        }).onComplete(test.succeeding(all -> test.verify(() -> {
            Observation inspect = all.resultAt(0);
            Observation exec = all.resultAt(1);
            assertThat(inspect.succeeded()).isFalse();
            assertThat(inspect.error().cause()).contains("is not running").contains(box.name());
            assertThat(exec.succeeded()).isFalse();
            assertThat(exec.error().cause()).containsIgnoringCase("not running");
            test.completeNow();
        })));
    }

    @Test
    void anUnhealthyContainer_isAFailedObservation_namingTheHealthCheck(VertxTestContext test) {
        boxes.start("api", Map.of("app", "api"), List.of("CMD-SHELL", "test -f /www/ready"));
        Probe probe = probe(new DockerInspectProbeFactory(), Map.of());
        fleet.discover().compose(members -> awaitUnhealthy(members.get(0), probe))
                .onComplete(test.succeeding(o -> test.verify(() -> {
                    assertThat(o.succeeded()).isFalse();
                    assertThat(o.error().cause()).contains("is unhealthy");
                    test.completeNow();
                })));
    }

    /** Observes until the health check has failed three times (it runs every 200 ms). */
    private Future<Observation> awaitUnhealthy(Member m, Probe probe) {
        return probe.observe(m).compose(o -> o.succeeded()
                ? ctx.vertx().timer(200).compose(v -> awaitUnhealthy(m, probe)) : Future.succeededFuture(o));
    }

    @Test
    void aMemberFromAnotherProvider_isAFailedObservation(VertxTestContext test) {
        Member host = new Member("db-1", "db", "static", dev.phoenix.model.MemberKind.HOST, dev.phoenix.model.Mutability.MUTABLE,
                false, "", Map.of());
        probe(new DockerDiffProbeFactory(), Map.of()).observe(host).onComplete(test.succeeding(o -> test.verify(() -> {
            assertThat(o.error().cause()).contains("db-1 is not a docker container");
            test.completeNow();
        })));
    }
}
