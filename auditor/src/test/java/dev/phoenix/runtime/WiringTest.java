package dev.phoenix.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.phoenix.config.ConfigFileException;
import dev.phoenix.config.ConfigLoader;
import dev.phoenix.config.PhoenixConfig;
import dev.phoenix.fleet.Fleet;
import dev.phoenix.fleet.FleetFactory;
import dev.phoenix.fleet.FleetSpec;
import dev.phoenix.model.Member;
import dev.phoenix.model.Observation;
import dev.phoenix.probe.Probe;
import dev.phoenix.probe.ProbeFactory;
import dev.phoenix.probe.ProbeSpec;
import dev.phoenix.spi.ConfigException;
import dev.phoenix.spi.ProviderContext;
import dev.phoenix.spi.Registry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Building groups from config: a settings error closes every fleet built before it. */
@ExtendWith(VertxExtension.class)
class WiringTest {

    /** Builds fleets that remember whether they were closed. */
    static final class ClosableFleetFactory implements FleetFactory {
        final List<String> built = new ArrayList<>();
        final List<String> closed = new ArrayList<>();

        @Override
        public String name() {
            return "closable";
        }

        @Override
        public List<String> keys() {
            return List.of();
        }

        @Override
        public Fleet create(FleetSpec spec, ProviderContext ctx) {
            built.add(spec.group());
            return new Fleet() {
                @Override
                public String provider() {
                    return "closable";
                }

                @Override
                public Future<List<Member>> discover() {
                    return Future.succeededFuture(List.of());
                }

                @Override
                public Future<Member> replace(Member victim, Duration timeout) {
                    return Future.failedFuture("not in this test");
                }

                @Override
                public Future<Void> close() {
                    closed.add(spec.group());
                    return Future.succeededFuture();
                }
            };
        }
    }

    /** A probe factory whose {@code broken} probe refuses its settings. */
    static ProbeFactory probeFactory(String name, boolean broken) {
        return new ProbeFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<String> keys() {
                return List.of("url");
            }

            @Override
            public Probe create(ProbeSpec spec, ProviderContext ctx) {
                if (broken) {
                    throw new ConfigException(spec.settings().path() + ".url", "not a URL");
                }
                return new Probe() {
                    @Override
                    public String name() {
                        return name;
                    }

                    @Override
                    public Future<Observation> observe(Member member) {
                        return Future.succeededFuture(Observation.ok(name, List.of()));
                    }
                };
            }
        };
    }

    @Test
    void probeThatCannotBeBuilt_closesEveryFleetBuiltSoFar_includingItsOwnGroups(Vertx vertx) {
        ClosableFleetFactory fleets = new ClosableFleetFactory();
        Registry<ProbeFactory> probes = Registry.of("probe", List.of(probeFactory("ok", false), probeFactory("broken", true)));
        PhoenixConfig config = new ConfigLoader(Set.of("closable"), Set.of("ok", "broken"), java.util.Map.of()).parse(Path.of("phoenix.yaml"),
                new StringReader("""
                        groups:
                          - name: web
                            source: {closable: {}}
                            probes: [ok]
                          - name: db
                            source: {closable: {}}
                            probes: [ok, {broken: {url: "::"}}]
                        """));
        ProviderContext ctx = ProviderContext.create(vertx, Clock.systemUTC(), 1L, Map.of());

        assertThatThrownBy(() -> Wiring.build(config, ctx, Registry.of("source", List.of(fleets)), probes))
                .isInstanceOf(ConfigFileException.class).hasMessageContaining("not a URL");
        assertThat(fleets.built).containsExactly("web", "db");
        assertThat(fleets.closed).containsExactlyInAnyOrder("web", "db");
    }
}
