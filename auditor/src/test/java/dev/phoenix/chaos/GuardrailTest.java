package dev.phoenix.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phoenix.audit.EngineHarness;
import dev.phoenix.fakes.FakeFleet;
import dev.phoenix.fakes.GatedChaosLedger;
import dev.phoenix.testing.MutableClock;
import dev.phoenix.fakes.RecordingChaosExecutor;
import dev.phoenix.model.Mutability;
import dev.phoenix.report.ChaosResult;
import dev.phoenix.report.ChaosVerdict;
import dev.phoenix.store.LocalObjectStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each guardrail blocking a termination. The executor records what it was asked to replace and
 * terminates nothing; the fleets are plain records.
 */
@ExtendWith(VertxExtension.class)
class GuardrailTest {

    @TempDir
    Path store;

    private static final Instant WEDNESDAY = Instant.parse("2026-03-04T10:30:00Z");

    EngineHarness h;
    final MutableClock clock = new MutableClock(WEDNESDAY);

    @BeforeEach
    void harness(Vertx vertx) {
        h = new EngineHarness(vertx, store, 7);
        h.clock = clock;
    }

    private EngineHarness webGroup() {
        return h.group(FakeFleet.of("web", 3, Mutability.IMMUTABLE, true).runtime());
    }

    /** A group whose members listed in {@code down} do not answer their probes. */
    private EngineHarness group(FakeFleet fleet, String... down) {
        for (String id : down) {
            fleet.down(id);
        }
        return h.group(fleet.runtime());
    }

    /** Runs the harness and checks that nothing was terminated and that each group's skip names {@code guard}. */
    private void assertBlockedBy(VertxTestContext t, String guard) {
        h.run().onComplete(t.succeeding(card -> t.verify(() -> {
            assertThat(h.executor.calls()).as("terminations").isEmpty();
            assertThat(card.chaos()).isNotEmpty();
            assertThat(card.chaos()).allSatisfy(c -> {
                assertThat(c.verdict()).isEqualTo(ChaosVerdict.SKIPPED);
                assertThat(c.reason()).startsWith("not injecting: " + guard + ": ");
            });
            t.completeNow();
        })));
    }

    @Test
    void everyGuardPassing_terminatesOneOptedInMember(VertxTestContext t) {
        webGroup();
        h.run().onComplete(t.succeeding(card -> t.verify(() -> {
            assertThat(h.executor.calls()).hasSize(1);
            assertThat(card.chaos()).extracting(ChaosResult::verdict).containsExactly(ChaosVerdict.REPRODUCED);
            t.completeNow();
        })));
    }

    @Test
    void killSwitchFile_blocksTermination(VertxTestContext t) throws Exception {
        Path file = store.resolve("STOP");
        Files.writeString(file, "maintenance");
        h.killFile = file.toString();
        webGroup();
        assertBlockedBy(t, "kill-switch");
    }

    @Test
    void killSwitchEnvironmentVariable_blocksTermination(VertxTestContext t) {
        h.env.put("PHOENIX_CHAOS_STOP", "1");
        webGroup();
        assertBlockedBy(t, "kill-switch");
    }

    @Test
    void killSwitchApiCall_blocksTerminationAndPersistsAsFile(VertxTestContext t) {
        h.killFile = store.resolve("chaos/STOP").toString();
        webGroup();
        h.killSwitch().engage("POST /api/chaos/stop by test").onComplete(t.succeeding(v -> t.verify(() -> {
            assertThat(store.resolve("chaos/STOP")).exists();
            assertBlockedBy(t, "kill-switch");
        })));
    }

    @Test
    void chaosDisabledInConfig_blocksTermination(VertxTestContext t) {
        h.chaos.put("enabled", false);
        webGroup();
        assertBlockedBy(t, "enabled");
    }

    @Test
    void leashedRun_blocksTerminationAndNamesTheWouldBeVictim(VertxTestContext t) {
        h.executor = RecordingChaosExecutor.leashed();
        webGroup();
        h.run().onComplete(t.succeeding(card -> t.verify(() -> {
            assertThat(h.executor.calls()).isEmpty();
            assertThat(card.chaos()).singleElement().satisfies(c -> {
                assertThat(c.verdict()).isEqualTo(ChaosVerdict.SKIPPED);
                assertThat(c.reason()).startsWith("not injecting: unleashed: leashed dry run: would have replaced " + c.victim());
            });
            t.completeNow();
        })));
    }

    @Test
    void memberNotOptedIn_isNeverTerminated(VertxTestContext t) {
        group(FakeFleet.of("web", 3, Mutability.IMMUTABLE, false));
        assertBlockedBy(t, "opt-in");
    }

    @Test
    void chaosAccounts_blocksMembersOfNoListedAccount(VertxTestContext t) {
        // the fake fleet's members carry no account: with chaos.accounts set they are not in one of them (fail closed)
        h.chaos.put("accounts", List.of("222222222222"));
        webGroup();
        assertBlockedBy(t, "account");
    }

    @Test
    void mutableMember_isNeverTerminated(VertxTestContext t) {
        h.chaos.put("max-per-group", 3);
        group(FakeFleet.of("hosts", 3, Mutability.MUTABLE, true));
        assertBlockedBy(t, "immutable-only");
    }

    @Test
    void unreachableVictim_isNotTerminated(VertxTestContext t) {
        group(FakeFleet.of("web", 2, Mutability.IMMUTABLE, true), "web-1", "web-2");
        assertBlockedBy(t, "reachable");
    }

    @Test
    void maxPerGroup_blocksTheSecondTerminationInAGroup(VertxTestContext t) {
        h.chaos.put("max-per-group", 1);
        webGroup();
        // max-per-group 0 would block the first; with 1 the second candidate is stopped quietly
        h.run().onComplete(t.succeeding(card -> t.verify(() -> {
            assertThat(h.executor.calls()).hasSize(1);
            assertThat(card.chaos()).hasSize(1);
            t.completeNow();
        })));
    }

    @Test
    void minIntervalAfterThisRunsTermination_doesNotListTheOtherCandidates(VertxTestContext t) {
        h.chaos.put("min-interval", "1d");
        webGroup();
        h.run().onComplete(t.succeeding(card -> t.verify(() -> {
            assertThat(h.executor.calls()).hasSize(1);
            assertThat(card.chaos()).extracting(ChaosResult::verdict).containsExactly(ChaosVerdict.REPRODUCED);
            t.completeNow();
        })));
    }

    @Test
    void maxPerGroupZero_blocksTermination(VertxTestContext t) {
        h.chaos.put("max-per-group", 0);
        webGroup();
        assertBlockedBy(t, "max-per-group");
    }

    @Test
    void minHealthy_blocksTerminationThatWouldLeaveTooFewInService(VertxTestContext t) {
        h.chaos.put("min-healthy", "100%");
        webGroup();
        assertBlockedBy(t, "min-healthy");
    }

    @Test
    void minHealthyCount_countsUnreachableMembersAsOutOfService(VertxTestContext t) {
        h.chaos.put("min-healthy", 2);
        group(FakeFleet.of("web", 3, Mutability.IMMUTABLE, true), "web-1");
        h.run().onComplete(t.succeeding(card -> t.verify(() -> {
            assertThat(h.executor.calls()).isEmpty();
            assertThat(card.chaos()).extracting(ChaosResult::reason)
                    .anySatisfy(r -> assertThat(r).startsWith("not injecting: min-healthy: group web would have 1 of 3"));
            t.completeNow();
        })));
    }

    @Test
    void outsideTheWindow_blocksTermination(VertxTestContext t) {
        h.chaos.put("window", Map.of("days", "MON-FRI", "hours", "09:00-17:00", "zone", "UTC"));
        clock.set(Instant.parse("2026-03-07T11:00:00Z")); // a Saturday
        webGroup();
        assertBlockedBy(t, "window");
    }

    @Test
    void windowInAnotherZone_isJudgedInThatZone(VertxTestContext t) {
        // 10:30 UTC is 19:30 in Tokyo: outside 09:00-17:00 there
        h.chaos.put("window", Map.of("days", "MON-FRI", "hours", "09:00-17:00", "zone", "Asia/Tokyo"));
        webGroup();
        assertBlockedBy(t, "window");
    }

    @Test
    void minInterval_holdsAcrossARestart(Vertx vertx, VertxTestContext t) {
        MutableClock later = new MutableClock(WEDNESDAY);
        h.chaos.put("min-interval", "1d");
        webGroup();
        h.run()
                .compose(first -> {
                    t.verify(() -> assertThat(h.executor.calls()).hasSize(1));
                    // a new process: new harness, new ledger object, same store directory
                    EngineHarness restarted = new EngineHarness(vertx, store, 7);
                    restarted.chaos.put("min-interval", "1d");
                    restarted.clock = later;
                    later.set(WEDNESDAY.plus(Duration.ofHours(6)));
                    restarted.group(FakeFleet.of("web", 3, Mutability.IMMUTABLE, true).runtime());
                    return restarted.run().map(second -> {
                        t.verify(() -> {
                            assertThat(restarted.executor.calls()).isEmpty();
                            assertThat(second.chaos()).singleElement().satisfies(c -> assertThat(c.reason())
                                    .startsWith("not injecting: min-interval: group web last lost a member at 2026-03-04T10:30:00Z"));
                        });
                        return restarted;
                    });
                })
                .compose(restarted -> {
                    later.set(WEDNESDAY.plus(Duration.ofHours(25)));
                    return restarted.run().map(third -> {
                        t.verify(() -> assertThat(restarted.executor.calls()).hasSize(1));
                        return third;
                    });
                })
                .onComplete(t.succeeding(x -> t.completeNow()));
    }

    @Test
    void unreadableLedger_blocksTermination(VertxTestContext t) throws Exception {
        Files.createDirectories(store.resolve("chaos"));
        Files.writeString(store.resolve("chaos/ledger.json"), "{not json");
        h.chaos.put("min-interval", "1h");
        webGroup();
        assertBlockedBy(t, "min-interval");
    }

    @Test
    void minInterval_anotherProcessTerminatedInTheGroupAfterThisRunRead_blocksTermination(Vertx vertx, VertxTestContext t) {
        h.chaos.put("min-interval", "1h");
        LocalObjectStore shared = new LocalObjectStore(store, vertx.createSharedWorkerExecutor("other-process"));
        ChaosLedger mine = new ObjectChaosLedger(shared, vertx);
        ChaosLedger otherProcess = new ObjectChaosLedger(new LocalObjectStore(store, vertx.createSharedWorkerExecutor("other")), vertx);
        Instant theirs = WEDNESDAY.minusSeconds(60);
        h.ledger = new ChaosLedger() {
            @Override
            public Future<Map<String, Instant>> lastTerminations() {
                return mine.lastTerminations();
            }

            @Override
            public Future<Optional<String>> claim(String group, String victim, Instant at, Duration minInterval) {
                // the run has read the ledger and passed every guard; another Phoenix claims the group first
                return otherProcess.claim(group, "web-9", theirs, minInterval)
                        .compose(refused -> mine.claim(group, victim, at, minInterval));
            }
        };
        webGroup();
        h.run().compose(card -> mine.lastTerminations().map(last -> {
            t.verify(() -> {
                assertThat(h.executor.calls()).as("terminations").isEmpty();
                assertThat(card.chaos()).singleElement().satisfies(c -> {
                    assertThat(c.verdict()).isEqualTo(ChaosVerdict.SKIPPED);
                    assertThat(c.reason()).isEqualTo("not injecting: min-interval: group web lost a member at " + theirs
                            + " (recorded by another run); min-interval is PT1H, next allowed at " + theirs.plusSeconds(3600));
                });
                assertThat(last).as("the other process's claim stands").containsEntry("web", theirs);
            });
            return last;
        })).onComplete(t.succeeding(x -> t.completeNow()));
    }

    @Test
    void ledgerThatCannotRecord_blocksTermination(VertxTestContext t) {
        h.ledger = new ChaosLedger() {
            @Override
            public Future<Map<String, Instant>> lastTerminations() {
                return Future.succeededFuture(Map.of());
            }

            @Override
            public Future<Optional<String>> claim(String group, String victim, Instant at, Duration minInterval) {
                return Future.failedFuture("disk full");
            }
        };
        webGroup();
        h.run().onComplete(t.succeeding(card -> t.verify(() -> {
            assertThat(h.executor.calls()).isEmpty();
            assertThat(card.chaos()).singleElement().satisfies(c -> assertThat(c.reason())
                    .isEqualTo("not injecting: ledger: cannot record the termination in the chaos ledger (disk full)"));
            t.completeNow();
        })));
    }

    @Test
    void killSwitchEngagedWhileTheLedgerRecords_replacesNothing(VertxTestContext t) {
        GatedChaosLedger ledger = new GatedChaosLedger();
        h.ledger = ledger;
        webGroup();
        ledger.recording().compose(victim -> h.killSwitch().engage("POST /api/chaos/stop by test"))
                .onComplete(t.succeeding(v -> ledger.open()));
        h.run().onComplete(t.succeeding(card -> t.verify(() -> {
            assertThat(ledger.recorded()).as("recorded before the switch was seen").hasSize(1);
            assertThat(h.executor.calls()).as("terminations").isEmpty();
            assertThat(card.chaos()).singleElement().satisfies(c -> {
                assertThat(c.verdict()).isEqualTo(ChaosVerdict.SKIPPED);
                assertThat(c.reason()).startsWith("not injecting: kill-switch: kill switch engaged (POST /api/chaos/stop by test)")
                        .endsWith("(engaged while the termination was being recorded)");
            });
            t.completeNow();
        })));
    }

    @Test
    void runStoppedWhileTheLedgerRecords_replacesNothing(VertxTestContext t) {
        GatedChaosLedger ledger = new GatedChaosLedger();
        h.ledger = ledger;
        webGroup();
        ledger.recording().onComplete(t.succeeding(victim -> {
            h.chaosRun.stop("shutdown deadline");
            ledger.open();
        }));
        h.run().onComplete(t.succeeding(card -> t.verify(() -> {
            assertThat(h.executor.calls()).as("terminations").isEmpty();
            assertThat(card.chaos()).singleElement().satisfies(c -> {
                assertThat(c.verdict()).isEqualTo(ChaosVerdict.SKIPPED);
                assertThat(c.reason()).startsWith("not injecting: halt-after-failure: the run was stopped (shutdown deadline)");
            });
            t.completeNow();
        })));
    }

    @Test
    void failedReplacement_stopsTheRemainingExperiments(VertxTestContext t) {
        h.executor = new RecordingChaosExecutor(Set.of("a-1", "a-2"));
        group(FakeFleet.of("a", 2, Mutability.IMMUTABLE, true));
        group(FakeFleet.of("b", 2, Mutability.IMMUTABLE, true));
        h.run().onComplete(t.succeeding(card -> t.verify(() -> {
            assertThat(h.executor.calls()).hasSize(1).allSatisfy(v -> assertThat(v).startsWith("a-"));
            assertThat(card.chaos()).extracting(ChaosResult::group, ChaosResult::verdict)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("a", ChaosVerdict.REPLACEMENT_FAILED),
                            org.assertj.core.groups.Tuple.tuple("b", ChaosVerdict.SKIPPED));
            assertThat(card.chaos().subList(1, 2)).allSatisfy(c -> assertThat(c.reason())
                    .startsWith("not injecting: halt-after-failure: an earlier experiment in this run failed (REPLACEMENT_FAILED for a-"));
            t.completeNow();
        })));
    }

    @Test
    void guardThatThrows_blocksTermination(VertxTestContext t) {
        Guard broken = Guards.guard("owner-on-call", false, (c, ctx) -> {
            throw new IllegalStateException("the on-call calendar did not answer");
        });
        List<Guard> guards = new ArrayList<>(Guards.standard());
        guards.add(0, broken);
        h.guards = guards;
        webGroup();
        h.run().onComplete(t.succeeding(card -> t.verify(() -> {
            assertThat(h.executor.calls()).isEmpty();
            assertThat(card.chaos()).singleElement().satisfies(c -> assertThat(c.reason())
                    .isEqualTo("not injecting: owner-on-call: guard could not be evaluated (the on-call calendar did not answer)"));
            t.completeNow();
        })));
    }

    @Test
    void guardReturningNull_blocksTermination(VertxTestContext t) {
        Guard sloppy = Guards.guard("sloppy", false, (c, ctx) -> null);
        h.guards = List.of(sloppy);
        webGroup();
        assertBlockedBy(t, "sloppy");
    }

    @Test
    void killSwitchThatCannotBeChecked_blocksTermination(VertxTestContext t) {
        webGroup();
        // a kill switch whose check fails: the file name cannot even be a path
        h.killSwitch = new KillSwitch(h.vertx, "\0bad", "", Map.of());
        h.run().onComplete(t.succeeding(card -> t.verify(() -> {
            assertThat(h.executor.calls()).isEmpty();
            assertThat(card.chaos()).singleElement().satisfies(c -> assertThat(c.reason()).startsWith("not injecting: kill-switch: "));
            t.completeNow();
        })));
    }
}
