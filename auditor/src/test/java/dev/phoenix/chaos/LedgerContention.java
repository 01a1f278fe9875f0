package dev.phoenix.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phoenix.store.ObjectStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Two Phoenix processes sharing one store, as two {@link ObjectChaosLedger}s on two store
 * objects: what each store ({@code LedgerContentionTest} for a directory, {@code S3StoreTest} for
 * S3) must hold up to.
 */
public final class LedgerContention {

    private static final Instant AT = Instant.parse("2026-03-04T10:30:00Z");

    private LedgerContention() {
    }

    /** Claims in different groups, from both processes at once: none is lost. */
    public static void concurrentClaimsInDifferentGroups_allStand(Vertx vertx, Supplier<ObjectStore> process, int groups,
                                                                 VertxTestContext t) {
        ObjectChaosLedger a = new ObjectChaosLedger(process.get(), vertx);
        ObjectChaosLedger b = new ObjectChaosLedger(process.get(), vertx);
        List<Future<Optional<String>>> claims = new ArrayList<>();
        for (int i = 0; i < groups; i++) {
            ObjectChaosLedger ledger = i % 2 == 0 ? a : b;
            claims.add(ledger.claim("group-" + i, "m-" + i, AT.plusSeconds(i), Duration.ofHours(1)));
        }
        Future.all(claims)
                .compose(all -> new ObjectChaosLedger(process.get(), vertx).lastTerminations())
                .onComplete(t.succeeding(last -> t.verify(() -> {
                    assertThat(claims).allSatisfy(c -> assertThat(c.result()).isEmpty());
                    assertThat(last).hasSize(groups);
                    for (int i = 0; i < groups; i++) {
                        assertThat(last).containsEntry("group-" + i, AT.plusSeconds(i));
                    }
                    t.completeNow();
                })));
    }

    /** Both processes claim the same group within min-interval at once: exactly one gets it. */
    public static void concurrentClaimsInOneGroup_oneWins(Vertx vertx, Supplier<ObjectStore> process, VertxTestContext t) {
        ObjectChaosLedger a = new ObjectChaosLedger(process.get(), vertx);
        ObjectChaosLedger b = new ObjectChaosLedger(process.get(), vertx);
        Future<Optional<String>> first = a.claim("web", "web-1", AT, Duration.ofHours(1));
        Future<Optional<String>> second = b.claim("web", "web-2", AT.plusSeconds(5), Duration.ofHours(1));
        Future.all(first, second)
                .compose(all -> a.lastTerminations())
                .onComplete(t.succeeding((Map<String, Instant> last) -> t.verify(() -> {
                    List<Optional<String>> outcomes = List.of(first.result(), second.result());
                    assertThat(outcomes).filteredOn(Optional::isEmpty).as("claims granted").hasSize(1);
                    assertThat(outcomes).filteredOn(Optional::isPresent).singleElement()
                            .satisfies(refused -> assertThat(refused.get()).startsWith("group web lost a member at ")
                                    .contains("min-interval is PT1H"));
                    Instant granted = first.result().isEmpty() ? AT : AT.plusSeconds(5);
                    assertThat(last).containsExactlyEntriesOf(Map.of("web", granted));
                    t.completeNow();
                })));
    }
}
