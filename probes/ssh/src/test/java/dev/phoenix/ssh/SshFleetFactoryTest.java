package dev.phoenix.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.phoenix.fleet.FleetSpec;
import dev.phoenix.model.ChaosOptIn;
import dev.phoenix.model.Member;
import dev.phoenix.spi.ConfigException;
import dev.phoenix.spi.ProviderContext;
import dev.phoenix.spi.Sections;
import dev.phoenix.spi.Settings;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ssh source: hosts listed in config and in a file. */
class SshFleetFactoryTest {

    @TempDir
    Path dir;

    private HostFleet fleet(Map<String, Object> source, ProviderContext ctx) {
        return (HostFleet) new SshFleetFactory().create(new FleetSpec("db", Settings.of("groups[0].source.ssh", source), Optional.empty(),
                ChaosOptIn.defaults(), Sections.none(), dir), ctx);
    }

    @Test
    void hostsFromConfigAndFile_becomeMutableMembersNamedAsListed() throws Exception {
        Files.writeString(dir.resolve("hosts.txt"), "# db hosts\ndb-2 audit@127.0.0.1:2202\n127.0.0.3\n");
        Vertx vertx = Vertx.vertx();
        try {
            ProviderContext ctx = ProviderContext.create(vertx, Clock.systemUTC(), 1L, Map.of());
            HostFleet fleet = fleet(Map.of("hosts", List.of(Map.of("name", "db-1", "host", "127.0.0.1", "port", 2201, "user", "audit",
                    "identity", "keys/db")), "file", "hosts.txt"), ctx);
            List<Member> members = fleet.discover().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(members).extracting(Member::name).containsExactly("db-1", "db-2", "127.0.0.3");
            assertThat(members.get(0).attributes()).containsEntry("ssh.port", "2201").containsEntry("ssh.identity", dir.resolve("keys/db").toString());
            assertThat(members.get(1).attributes()).containsEntry("ssh.user", "audit").containsEntry("ssh.port", "2202");
            assertThat(members).allSatisfy(m -> assertThat(m.immutable()).isFalse());
            assertThat(fleet.expectedSize()).hasValue(3);
            assertThat(fleet.replace(members.get(0), java.time.Duration.ofSeconds(1)).cause().getMessage())
                    .contains("Phoenix cannot rebuild it");
        } finally {
            vertx.close();
        }
    }

    @Test
    void aBadHostLine_namesFileAndLine() throws Exception {
        Files.writeString(dir.resolve("hosts.txt"), "db-1 127.0.0.1\nnot a host line\n");
        Vertx vertx = Vertx.vertx();
        try {
            HostFleet fleet = fleet(Map.of("file", "hosts.txt"), ProviderContext.create(vertx, Clock.systemUTC(), 1L, Map.of()));
            Throwable e = fleet.discover().toCompletionStage().toCompletableFuture().handle((v, t) -> t).get(10, TimeUnit.SECONDS);
            assertThat(dev.phoenix.spi.Errors.unwrap(e)).isInstanceOf(ConfigException.class).hasMessageContaining("expected [name] [user@]host[:port]");
            assertThat(((ConfigException) dev.phoenix.spi.Errors.unwrap(e)).path()).isEqualTo("hosts.txt:2");
        } finally {
            vertx.close();
        }
    }

    @Test
    void aSourceWithoutHosts_isAConfigError() {
        assertThatThrownBy(() -> fleet(Map.of(), null)).isInstanceOf(ConfigException.class).hasMessage("an ssh source needs 'hosts' or 'file'");
        assertThatThrownBy(() -> fleet(Map.of("hosts", List.of(Map.of("host", "h", "prot", 22))), null))
                .hasMessageContaining("unknown key 'prot'").hasMessageContaining("did you mean 'port'");
    }
}
