package dev.phoenix.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.phoenix.fleet.Fleet;
import dev.phoenix.fleet.FleetSpec;
import dev.phoenix.model.Member;
import dev.phoenix.model.Mutability;
import dev.phoenix.spi.ProviderContext;
import dev.phoenix.spi.Sections;
import dev.phoenix.spi.Settings;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class StaticFleetTest {

    @TempDir
    Path dir;

    private Fleet fleet(Vertx vertx, Map<String, Object> settings) {
        ProviderContext ctx = ProviderContext.create(vertx, Clock.systemUTC(), 1, Map.of());
        return new StaticFleetFactory().create(new FleetSpec("db", Settings.of("groups[0].source.static", settings),
                Optional.empty(), dev.phoenix.model.ChaosOptIn.defaults(), Sections.none(), dir), ctx);
    }

    @Test
    void hostsListedInConfigAndInAUrlFile_areMembers(Vertx vertx, VertxTestContext test) throws Exception {
        Files.writeString(dir.resolve("urls.txt"), "# fleet\nhttp://127.0.0.1:9002/state\n\nhttp://127.0.0.1:9003/m/sim-000003/state\n");
        Fleet fleet = fleet(vertx, Map.of(
                "hosts", List.of(Map.of("id", "db-1", "url", "http://127.0.0.1:9001/state", "mutability", "immutable",
                        "chaos", "opt-in", "attributes", Map.of("role", "db")), "http://127.0.0.1:9009/health"),
                "file", "urls.txt"));
        fleet.discover().onComplete(test.succeeding(members -> test.verify(() -> {
            assertThat(members).extracting(Member::id)
                    .containsExactly("db-1", "127.0.0.1:9009/health", "127.0.0.1:9002", "sim-000003");
            Member db1 = members.get(0);
            assertThat(db1.mutability()).isEqualTo(Mutability.IMMUTABLE);
            assertThat(db1.chaosOptIn()).isTrue();
            assertThat(db1.attribute("role")).isEqualTo("db");
            assertThat(members.get(2).mutability()).isEqualTo(Mutability.MUTABLE);
            test.completeNow();
        })));
    }

    @Test
    void missingUrlFile_failsDiscoveryNamingTheFile(Vertx vertx, VertxTestContext test) {
        fleet(vertx, Map.of("file", "missing.txt")).discover().onComplete(test.failing(e -> test.verify(() -> {
            assertThat(e).hasMessageContaining("cannot read host file").hasMessageContaining("missing.txt");
            test.completeNow();
        })));
    }

    @Test
    void badUrl_isAConfigErrorNamingTheEntry(Vertx vertx) {
        assertThatThrownBy(() -> fleet(vertx, Map.of("hosts", List.of("ftp://nope"))))
                .hasMessageContaining("expected an http:// or https:// URL");
    }

    @Test
    void portOutsideTheTcpRange_isAConfigError_andEveryBadHostIsReported(Vertx vertx) {
        assertThatThrownBy(() -> fleet(vertx, Map.of("hosts", List.of("http://127.0.0.1:99999/state", "http://127.0.0.1:0/state"))))
                .isInstanceOfSatisfying(dev.phoenix.spi.ConfigException.class, e -> assertThat(e.errors())
                        .extracting(Throwable::getMessage)
                        .containsExactly("port must be between 1 and 65535, found 99999 in 'http://127.0.0.1:99999/state'",
                                "port must be between 1 and 65535, found 0 in 'http://127.0.0.1:0/state'"));
    }

    @Test
    void replace_isRefused(Vertx vertx, VertxTestContext test) {
        Fleet fleet = fleet(vertx, Map.of("hosts", List.of("http://127.0.0.1:9001/state")));
        fleet.discover().compose(m -> fleet.replace(m.get(0), Duration.ofSeconds(1)))
                .onComplete(test.failing(e -> test.verify(() -> {
                    assertThat(e).hasMessageContaining("static inventory cannot replace members");
                    test.completeNow();
                })));
    }
}
