package dev.phoenix.audit;

import dev.phoenix.observe.GroupRuntime;
import static org.assertj.core.api.Assertions.assertThat;

import dev.phoenix.fakes.FakeFleet;
import dev.phoenix.fleet.Fleet;
import dev.phoenix.model.FactFilter;
import dev.phoenix.model.Member;
import dev.phoenix.model.Mutability;
import dev.phoenix.report.GroupSummary;
import dev.phoenix.report.MemberResult;
import dev.phoenix.report.MemberStatus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class AuditEngineTest {

    @TempDir
    Path store;

    @Test
    void baselines_persistAcrossRuns_andDriftIsFoundOnTheSecond(Vertx vertx, VertxTestContext test) {
        FakeFleet hosts = new FakeFleet("hosts");
        Member h1 = hosts.add(Mutability.MUTABLE, false, "");
        hosts.add(Mutability.MUTABLE, false, "");
        hosts.runtime();
        new EngineHarness(vertx, store, 1).audit(List.of(hosts.runtime()))
                .compose(first -> {
                    test.verify(() -> {
                        assertThat(first.members()).extracting(MemberResult::status).containsOnly(MemberStatus.BASELINED);
                        assertThat(store.resolve("baselines/hosts.json")).exists();
                    });
                    hosts.set(h1.id(), "app.version", "2");
                    // a fresh engine and store object: only the file carries the baselines over
                    return new EngineHarness(vertx, store, 2).audit(List.of(hosts.runtime()));
                })
                .onComplete(test.succeeding(second -> test.verify(() -> {
                    assertThat(second.members()).extracting(MemberResult::status)
                            .containsExactly(MemberStatus.DRIFTED, MemberStatus.CONSISTENT);
                    assertThat(second.findingCount()).isEqualTo(1);
                    test.completeNow();
                })));
    }

    @Test
    void groupThatDiscoversNoMembers_isAFinding_notACleanFleet(Vertx vertx, VertxTestContext test) {
        FakeFleet ok = new FakeFleet("ok");
        ok.add(Mutability.MUTABLE, false, "");
        FakeFleet empty = new FakeFleet("empty");
        new EngineHarness(vertx, store, 1).audit(List.of(ok.runtime(), empty.runtime())).onComplete(test.succeeding(s -> test.verify(() -> {
            assertThat(s.groups()).filteredOn(g -> g.name().equals("empty")).singleElement().satisfies(g -> {
                assertThat(g.members()).isZero();
                assertThat(g.error()).isEqualTo("no members matched the source (check its names, tags or labels)");
            });
            assertThat(s.findingCount()).isEqualTo(1);
            assertThat(store.resolve("baselines/empty.json")).doesNotExist();
            test.completeNow();
        })));
    }

    @Test
    void failingProbe_makesTheMemberUnreachable_andTheAuditCompletes(Vertx vertx, VertxTestContext test) {
        FakeFleet hosts = new FakeFleet("hosts");
        Member down = hosts.add(Mutability.MUTABLE, false, "");
        hosts.add(Mutability.MUTABLE, false, "");
        hosts.down(down.id());
        new EngineHarness(vertx, store, 1).audit(List.of(hosts.runtime())).onComplete(test.succeeding(s -> test.verify(() -> {
            assertThat(s.members()).extracting(MemberResult::status).containsExactly(MemberStatus.UNREACHABLE, MemberStatus.BASELINED);
            assertThat(s.score().coverage()).isEqualTo(50);
            test.completeNow();
        })));
    }

    @Test
    void groupThatCannotBeDiscovered_isReportedBesideTheOthers(Vertx vertx, VertxTestContext test) {
        FakeFleet ok = new FakeFleet("ok");
        ok.add(Mutability.MUTABLE, false, "");
        Fleet broken = new Fleet() {
            @Override
            public String provider() {
                return "aws";
            }

            @Override
            public Future<List<Member>> discover() {
                return Future.failedFuture(new Fleet.UnreachableException("cannot reach http://127.0.0.1:1: Connection refused", null));
            }

            @Override
            public Future<Member> replace(Member victim, Duration timeout) {
                return Future.failedFuture("unused");
            }
        };
        GroupRuntime brokenGroup = new GroupRuntime("db", broken, List.of(ok.probe()), FactFilter.none(), FactFilter.none());
        new EngineHarness(vertx, store, 1).audit(List.of(ok.runtime(), brokenGroup)).onComplete(test.succeeding(s -> test.verify(() -> {
            assertThat(s.groups()).extracting(GroupSummary::error).containsExactly(null, "cannot reach http://127.0.0.1:1: Connection refused");
            assertThat(s.members()).hasSize(1);
            assertThat(s.score().coverage()).isEqualTo(50);
            test.completeNow();
        })));
    }

    @Test
    void corruptBaselineFile_failsTheAuditNamingTheFile(Vertx vertx, VertxTestContext test) throws Exception {
        Files.createDirectories(store.resolve("baselines"));
        Files.writeString(store.resolve("baselines/hosts.json"), "{\"version\": 1, \"members\": {");
        FakeFleet hosts = new FakeFleet("hosts");
        hosts.add(Mutability.MUTABLE, false, "");
        new EngineHarness(vertx, store, 1).audit(List.of(hosts.runtime())).onComplete(test.failing(e -> test.verify(() -> {
            assertThat(e).hasMessageContaining("baselines/hosts.json is corrupt").hasMessageContaining("delete it to re-capture");
            test.completeNow();
        })));
    }
}
