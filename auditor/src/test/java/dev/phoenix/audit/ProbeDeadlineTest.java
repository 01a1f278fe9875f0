package dev.phoenix.audit;

import dev.phoenix.observe.GroupRuntime;
import static org.assertj.core.api.Assertions.assertThat;

import dev.phoenix.fleet.Fleet;
import dev.phoenix.model.Fact;
import dev.phoenix.model.FactFilter;
import dev.phoenix.model.Member;
import dev.phoenix.model.MemberKind;
import dev.phoenix.model.Mutability;
import dev.phoenix.model.Observation;
import dev.phoenix.model.ProbeError;
import dev.phoenix.probe.Probe;
import dev.phoenix.report.MemberResult;
import dev.phoenix.spi.ProviderContext;
import dev.phoenix.store.LocalObjectStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The engine cuts a probe call at {@code probing.timeout}, unless the probe declares a longer deadline of its own. */
@ExtendWith(VertxExtension.class)
class ProbeDeadlineTest {

    @TempDir
    Path store;

    /** Answers after {@code delay}, declaring {@code deadline}. */
    record SlowProbe(String name, Vertx vertx, Duration delay, Optional<Duration> deadline) implements Probe {
        @Override
        public Future<Observation> observe(Member member) {
            return vertx.timer(delay.toMillis()).map(x -> Observation.ok(name, List.of(Fact.of(name + ".answer", "42"))));
        }
    }

    /** One host, never replaced. */
    record OneHost(Member host) implements Fleet {
        @Override
        public String provider() {
            return "fake";
        }

        @Override
        public Future<List<Member>> discover() {
            return Future.succeededFuture(List.of(host));
        }

        @Override
        public Future<Member> replace(Member victim, Duration timeout) {
            return Future.failedFuture("not replaceable");
        }
    }

    @Test
    void probeWithALongerDeadlineOfItsOwn_isWaitedFor_andOthersAreCutAtTheProbingTimeout(Vertx vertx, VertxTestContext t) {
        ProviderContext ctx = ProviderContext.create(vertx, Clock.systemUTC(), 1, Map.of());
        Member host = new Member("host-1", "hosts", "fake", MemberKind.HOST, Mutability.MUTABLE, false, "", Map.of());
        Probe patient = new SlowProbe("ssm-like", vertx, Duration.ofMillis(400), Optional.of(Duration.ofSeconds(5)));
        Probe impatient = new SlowProbe("http-like", vertx, Duration.ofMillis(400), Optional.empty());
        Probe shortDeadline = new SlowProbe("exec-like", vertx, Duration.ofMillis(400), Optional.of(Duration.ofMillis(50)));
        GroupRuntime group = new GroupRuntime("hosts", new OneHost(host), List.of(patient, impatient, shortDeadline),
                FactFilter.none(), FactFilter.none());
        AuditEngine engine = new AuditEngine(ctx, dev.phoenix.baseline.Baselines.in(new LocalObjectStore(store, ctx.blocking()), ctx));
        AuditEngine.Options options = new AuditEngine.Options(false, true, 4, Duration.ofMillis(150), null);

        vertx.getOrCreateContext().runOnContext(v -> engine.run(List.of(group), options, prober -> null)
                .onComplete(t.succeeding(outcome -> t.verify(() -> {
                    MemberResult result = outcome.scorecard().members().get(0);
                    assertThat(result.probeErrors()).extracting(ProbeError::probe).containsExactly("http-like", "exec-like");
                    assertThat(result.probeErrors()).extracting(ProbeError::cause)
                            .containsOnly("no answer within 150 ms");
                    t.completeNow();
                }))));
    }
}
