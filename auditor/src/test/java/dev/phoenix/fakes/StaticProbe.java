package dev.phoenix.fakes;

import dev.phoenix.model.Fact;
import dev.phoenix.model.Member;
import dev.phoenix.model.Observation;
import dev.phoenix.probe.Probe;
import io.vertx.core.Future;
import java.util.List;
import java.util.Set;

/** A probe that sees the same facts on every member, and no answer from members listed as down. */
public final class StaticProbe implements Probe {

    private final Set<String> down;

    public StaticProbe(Set<String> down) {
        this.down = Set.copyOf(down);
    }

    @Override
    public String name() {
        return "static";
    }

    @Override
    public Future<Observation> observe(Member member) {
        if (down.contains(member.id())) {
            return Future.succeededFuture(Observation.failed(name(), "connection refused by " + member.id()));
        }
        return Future.succeededFuture(Observation.ok(name(), List.of(Fact.of("app.version", "1.0"), Fact.of("app.workers", "4"))));
    }
}
