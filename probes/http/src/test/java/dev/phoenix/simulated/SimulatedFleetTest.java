package dev.phoenix.simulated;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phoenix.fleet.Fleet;
import dev.phoenix.fleet.FleetSpec;
import dev.phoenix.model.Member;
import dev.phoenix.model.Mutability;
import dev.phoenix.spi.ProviderContext;
import dev.phoenix.spi.Sections;
import dev.phoenix.spi.Settings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class SimulatedFleetTest {

    private static Fleet fleet(Vertx vertx, Map<String, Object> settings) {
        ProviderContext ctx = ProviderContext.create(vertx, Clock.systemUTC(), 7, Map.of());
        FleetSpec spec = FleetSpec.of("web", Settings.of("groups[0].source.simulated", settings), Optional.empty(),
                Sections.none());
        return new SimulatedFleetFactory().create(spec, ctx);
    }

    private static Future<JsonObject> fetch(WebClient client, Member m) {
        return client.getAbs(m.attribute("url")).send().map(r -> r.bodyAsJsonObject());
    }

    @Test
    void members_areRealServersOnLoopback_servingTheirImagesState(Vertx vertx, VertxTestContext test) {
        Fleet fleet = fleet(vertx, Map.of("members", 3, "kind", "instance", "version", "2.0.0"));
        WebClient client = WebClient.create(vertx);
        fleet.discover()
                .compose(members -> {
                    test.verify(() -> {
                        assertThat(members).hasSize(3).allMatch(m -> m.mutability() == Mutability.IMMUTABLE && m.chaosOptIn());
                        assertThat(members).extracting(Member::provenance).containsOnly("web:2.0.0");
                        assertThat(members).extracting(m -> m.attribute("url")).allMatch(u -> u.startsWith("http://127.0.0.1:"))
                                .doesNotHaveDuplicates();
                    });
                    return Future.all(members.stream().map(m -> fetch(client, m)).toList());
                })
                .onComplete(test.succeeding(all -> test.verify(() -> {
                    List<JsonObject> docs = all.list();
                    assertThat(docs).allMatch(d -> d.getJsonObject("image").getString("version").equals("2.0.0"));
                    assertThat(docs.get(0).getJsonObject("config")).isEqualTo(docs.get(1).getJsonObject("config"));
                    fleet.close().onComplete(test.succeedingThenComplete());
                })));
    }

    @Test
    void replace_stopsTheVictimsServer_andBootsAFreshMemberFromTheImage(Vertx vertx, VertxTestContext test) {
        Fleet fleet = fleet(vertx, Map.of("members", 2, "boot-delay", "10ms"));
        SimulatedFleet sim = (SimulatedFleet) fleet;
        WebClient client = WebClient.create(vertx);
        fleet.discover().compose(members -> {
            Member victim = members.get(0);
            sim.changeInPlace(victim.id(), new Random(1));
            return fetch(client, victim).compose(changed -> fleet.replace(victim, Duration.ofSeconds(5))
                    .compose(replacement -> fetch(client, replacement).compose(fresh ->
                            client.getAbs(victim.attribute("url")).send().transform(old -> {
                                test.verify(() -> {
                                    assertThat(old.failed()).as("the victim's server is gone").isTrue();
                                    assertThat(replacement.id()).isNotEqualTo(victim.id());
                                    assertThat(fresh.getJsonObject("config")).isNotEqualTo(changed.getJsonObject("config"));
                                    assertThat(fresh.getJsonObject("config")).isEqualTo(new SimulatedImage("web", "1.0.0").state().getJsonObject("config"));
                                });
                                return fleet.discover();
                            }))));
        }).onComplete(test.succeeding(after -> test.verify(() -> {
            assertThat(after).hasSize(2);
            fleet.close().onComplete(test.succeedingThenComplete());
        })));
    }

    @Test
    void changeInPlace_isDecidedBySeed(Vertx vertx, VertxTestContext test) {
        Fleet a = fleet(vertx, Map.of("members", 1));
        Fleet b = fleet(vertx, Map.of("members", 1));
        Future.all(a.discover(), b.discover()).onComplete(test.succeeding(x -> test.verify(() -> {
            String id = ((SimulatedFleet) a).memberIds().get(0);
            List<String> first = ((SimulatedFleet) a).changeInPlace(id, new Random(99));
            List<String> second = ((SimulatedFleet) b).changeInPlace(id, new Random(99));
            assertThat(first).isNotEmpty().isEqualTo(second);
            Future.all(a.close(), b.close()).onComplete(test.succeedingThenComplete());
        })));
    }

    @Test
    void sharedListeners_giveEachMemberItsOwnUrl(Vertx vertx, VertxTestContext test) {
        Fleet fleet = fleet(vertx, Map.of("members", 10, "per-listener", 4, "kind", "host"));
        WebClient client = WebClient.create(vertx);
        fleet.discover().compose(members -> {
            test.verify(() -> {
                assertThat(members).allMatch(m -> m.mutability() == Mutability.MUTABLE && !m.chaosOptIn());
                assertThat(members.stream().map(m -> m.attribute("port")).distinct().count()).isEqualTo(3);
                assertThat(members).extracting(m -> m.attribute("url")).allMatch(u -> u.contains("/m/" ));
            });
            return Future.all(members.stream().map(m -> fetch(client, m)).toList());
        }).onComplete(test.succeeding(all -> test.verify(() -> {
            List<JsonObject> docs = all.list();
            assertThat(docs.stream().map(d -> d.getJsonObject("member").getString("id")).distinct().count()).isEqualTo(10);
            fleet.close().onComplete(test.succeedingThenComplete());
        })));
    }
}
