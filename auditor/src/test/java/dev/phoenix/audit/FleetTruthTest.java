package dev.phoenix.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phoenix.fakes.FakeFleet;
import dev.phoenix.model.Mutability;
import dev.phoenix.report.ChaosResult;
import dev.phoenix.report.ChaosVerdict;
import dev.phoenix.report.Finding;
import dev.phoenix.report.FindingKind;
import dev.phoenix.report.GroupSummary;
import dev.phoenix.report.MemberResult;
import dev.phoenix.report.MemberStatus;
import dev.phoenix.report.Scorecard;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the fleet is, against what it should be: members that vanish or stop, expected sizes,
 * and chaos that counts the members a group should have, through the engine with its history.
 */
@ExtendWith(VertxExtension.class)
class FleetTruthTest {

    @TempDir
    Path store;

    EngineHarness h;

    @BeforeEach
    void harness(Vertx vertx) {
        h = new EngineHarness(vertx, store, 3);
        h.history = true;
    }

    private static GroupSummary group(Scorecard s, String name) {
        return s.groups().stream().filter(g -> g.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void memberGoneSinceThePreviousRun_isMissing_withWhenItWasLastSeenAndItsLastFingerprint(VertxTestContext t) {
        FakeFleet api = FakeFleet.of("api", 3, Mutability.IMMUTABLE, true);
        h.audit(List.of(api.runtime())).compose(first -> {
            api.remove("api-2");
            return h.audit(List.of(api.runtime())).map(second -> List.of(first, second));
        }).onComplete(t.succeeding(runs -> t.verify(() -> {
            Scorecard first = runs.get(0);
            Scorecard second = runs.get(1);
            MemberResult before = first.members().stream().filter(m -> m.id().equals("api-2")).findFirst().orElseThrow();
            assertThat(second.members()).filteredOn(m -> m.id().equals("api-2")).singleElement().satisfies(m -> {
                assertThat(m.status()).isEqualTo(MemberStatus.MISSING);
                assertThat(m.lastSeen()).isEqualTo(first.startedAt());
                assertThat(m.fingerprint()).isEqualTo(before.fingerprint());
            });
            GroupSummary g = group(second, "api");
            assertThat(g.expectedMembers()).isEqualTo(3);
            assertThat(g.expectedFrom()).isEqualTo("previous run");
            assertThat(g.inService()).isEqualTo(2);
            assertThat(second.findings()).extracting(Finding::kind).contains(FindingKind.MISSING, FindingKind.UNDERSIZED);
            assertThat(second.findings()).filteredOn(f -> f.kind() == FindingKind.UNDERSIZED).singleElement()
                    .satisfies(f -> assertThat(f.message()).contains("2 of 3 expected members in service"));
            t.completeNow();
        })));
    }

    @Test
    void missingMember_staysMissingUntilItIsBack_andTheGroupIsCleanAgain(VertxTestContext t) {
        FakeFleet hosts = FakeFleet.of("hosts", 2, Mutability.MUTABLE, false);
        var removed = hosts.members().get("hosts-2");
        h.audit(List.of(hosts.runtime()))
                .compose(first -> {
                    hosts.remove("hosts-2");
                    return h.audit(List.of(hosts.runtime()));
                })
                .compose(second -> h.audit(List.of(hosts.runtime())).map(third -> List.of(second, third)))
                .onComplete(t.succeeding(runs -> t.verify(() -> {
                    MemberResult second = runs.get(0).members().stream().filter(m -> m.id().equals(removed.id())).findFirst().orElseThrow();
                    MemberResult third = runs.get(1).members().stream().filter(m -> m.id().equals(removed.id())).findFirst().orElseThrow();
                    assertThat(third.status()).isEqualTo(MemberStatus.MISSING);
                    assertThat(third.lastSeen()).as("still the time it was last seen").isEqualTo(second.lastSeen());
                    assertThat(group(runs.get(1), "hosts").expectedMembers()).isEqualTo(2);
                    t.completeNow();
                })));
    }

    @Test
    void memberReplacedByPhoenixsChaos_isNotMissing(VertxTestContext t) {
        FakeFleet web = FakeFleet.of("web", 3, Mutability.IMMUTABLE, true);
        h.group(web.runtime());
        h.run().compose(first -> h.audit(List.of(web.runtime())).map(second -> List.of(first, second)))
                .onComplete(t.succeeding(runs -> t.verify(() -> {
                    assertThat(runs.get(0).chaos()).extracting(ChaosResult::verdict).containsExactly(ChaosVerdict.REPRODUCED);
                    assertThat(runs.get(1).members()).extracting(MemberResult::status).doesNotContain(MemberStatus.MISSING);
                    assertThat(runs.get(1).findingCount()).isZero();
                    t.completeNow();
                })));
    }

    @Test
    void memberReplacedByItsProvider_isNotMissing_whenTheGroupIsWhole(VertxTestContext t) {
        FakeFleet asg = FakeFleet.of("asg", 3, Mutability.IMMUTABLE, false);
        h.audit(List.of(asg.runtime())).compose(first -> {
            asg.remove("asg-1");
            asg.add(Mutability.IMMUTABLE, false, "asg:1.0");   // the group healed itself
            return h.audit(List.of(asg.runtime()));
        }).onComplete(t.succeeding(second -> t.verify(() -> {
            assertThat(second.members()).extracting(MemberResult::status).doesNotContain(MemberStatus.MISSING);
            assertThat(second.findingCount()).isZero();
            t.completeNow();
        })));
    }

    @Test
    void memberTheFleetListsAsStopped_isUnreachableForItsReason_withoutBeingProbed(VertxTestContext t) {
        FakeFleet api = FakeFleet.of("api", 3, Mutability.IMMUTABLE, true).expectedSize(3);
        api.stop("api-3", "container api-3 is not running (exited, exit code 137)");
        h.audit(List.of(api.runtime())).onComplete(t.succeeding(s -> t.verify(() -> {
            assertThat(s.members()).filteredOn(m -> m.id().equals("api-3")).singleElement().satisfies(m -> {
                assertThat(m.status()).isEqualTo(MemberStatus.UNREACHABLE);
                assertThat(m.probeErrors()).singleElement().satisfies(e -> assertThat(e.cause()).contains("exit code 137"));
            });
            GroupSummary g = group(s, "api");
            assertThat(g.expectedFrom()).isEqualTo("provider");
            assertThat(g.undersized()).isTrue();
            t.completeNow();
        })));
    }

    @Test
    void groupBelowItsExpectedSize_losesNoMemberToChaos_evenWithoutMinHealthy(VertxTestContext t) {
        FakeFleet api = FakeFleet.of("api", 3, Mutability.IMMUTABLE, true).expectedSize(3);
        api.stop("api-1", "container api-1 is not running (exited, exit code 137)");
        h.group(api.runtime());
        h.run().onComplete(t.succeeding(s -> t.verify(() -> {
            assertThat(h.executor.calls()).as("terminations").isEmpty();
            assertThat(s.chaos()).isNotEmpty().extracting(ChaosResult::verdict).containsOnly(ChaosVerdict.SKIPPED);
            assertThat(s.chaos()).anySatisfy(c -> {
                assertThat(c.guard()).isEqualTo("min-healthy");
                assertThat(c.reason()).contains("2 of 3 expected members in service");
            });
            t.completeNow();
        })));
    }

    @Test
    void minHealthy_countsAgainstTheExpectedSize_notTheMembersThatAnswered(VertxTestContext t) {
        FakeFleet web = new FakeFleet("web");
        web.add(Mutability.IMMUTABLE, true, "web:1.0");
        web.add(Mutability.IMMUTABLE, true, "web:1.0");
        h.chaos.put("min-healthy", "66%");
        h.group(new dev.phoenix.observe.GroupRuntime("web", web, List.of(web.probe()), dev.phoenix.model.FactFilter.none(),
                dev.phoenix.model.FactFilter.none(), 3));
        h.run().onComplete(t.succeeding(s -> t.verify(() -> {
            assertThat(h.executor.calls()).isEmpty();
            assertThat(group(s, "web").expectedFrom()).isEqualTo("config");
            assertThat(s.chaos()).singleElement().satisfies(c -> assertThat(c.reason())
                    .isEqualTo("not injecting: min-healthy: group web has 2 of 3 expected members in service; "
                            + "chaos takes no member from a group below its expected size"));
            t.completeNow();
        })));
    }

    @Test
    void stoppedMemberStartedAgain_leavesTheNextAuditClean(VertxTestContext t) {
        FakeFleet api = FakeFleet.of("api", 3, Mutability.IMMUTABLE, true).expectedSize(3);
        h.audit(List.of(api.runtime()))
                .compose(first -> {
                    api.stop("api-2", "stopped by hand");
                    return h.audit(List.of(api.runtime()));
                })
                .compose(second -> {
                    api.start("api-2");
                    return h.audit(List.of(api.runtime())).map(third -> List.of(second, third));
                })
                .onComplete(t.succeeding(runs -> t.verify(() -> {
                    assertThat(runs.get(0).findingCount()).isEqualTo(2);   // the stopped member and its group's size
                    assertThat(runs.get(1).findingCount()).isZero();
                    t.completeNow();
                })));
    }

    @Test
    void loneMemberOnANewImage_isNotMadeGolden_butAMajorityMovingIsARollout(VertxTestContext t) {
        FakeFleet api = FakeFleet.of("api", 3, Mutability.IMMUTABLE, false);
        api.image("api:2.0", Map.of("app.version", "2"));
        h.audit(List.of(api.runtime()))
                .compose(first -> {
                    api.remove("api-1");
                    api.add(Mutability.IMMUTABLE, false, "api:2.0");   // one container recreated from another image
                    return h.audit(List.of(api.runtime()));
                })
                .compose(second -> {
                    api.remove("api-2");
                    api.add(Mutability.IMMUTABLE, false, "api:2.0");   // now most of the group runs it
                    return h.audit(List.of(api.runtime())).map(third -> List.of(second, third));
                })
                .onComplete(t.succeeding(runs -> t.verify(() -> {
                    MemberResult lone = runs.get(0).members().stream().filter(m -> m.provenance().equals("api:2.0")).findFirst()
                            .orElseThrow();
                    assertThat(lone.status()).isEqualTo(MemberStatus.MUTATED);
                    assertThat(lone.note()).contains("no golden fingerprint was accepted").contains("phoenix baseline accept");
                    assertThat(runs.get(0).rollouts()).isEmpty();
                    Scorecard third = runs.get(1);
                    assertThat(third.rollouts()).singleElement().satisfies(r -> {
                        assertThat(r.from()).isEqualTo("api:1.0");
                        assertThat(r.to()).isEqualTo("api:2.0");
                    });
                    assertThat(third.members()).filteredOn(m -> m.provenance().equals("api:2.0")).extracting(MemberResult::status)
                            .containsOnly(MemberStatus.BASELINED);
                    assertThat(third.members()).filteredOn(m -> m.provenance().equals("api:1.0")).extracting(MemberResult::status)
                            .containsOnly(MemberStatus.CONSISTENT);
                    t.completeNow();
                })));
    }
}
