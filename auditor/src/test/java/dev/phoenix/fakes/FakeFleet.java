package dev.phoenix.fakes;

import dev.phoenix.fleet.Fleet;
import dev.phoenix.model.Member;
import dev.phoenix.model.MemberKind;
import dev.phoenix.model.Mutability;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A fleet of plain records: discovery lists them, a replacement is a new record with the same image. Nothing runs. */
public final class FakeFleet implements Fleet {

    private final String group;
    private final Map<String, Member> members = new LinkedHashMap<>();
    private int next;

    private FakeFleet(String group) {
        this.group = group;
    }

    /**
     * @param optedIn whether members carry the chaos opt-in tag
     */
    public static FakeFleet of(String group, int size, Mutability mutability, boolean optedIn) {
        FakeFleet f = new FakeFleet(group);
        for (int i = 0; i < size; i++) {
            f.add(mutability, optedIn);
        }
        return f;
    }

    private synchronized Member add(Mutability mutability, boolean optedIn) {
        String id = group + "-" + (++next);
        Map<String, String> attributes = optedIn ? Map.of("tag:phoenix:chaos", "opt-in") : Map.of();
        Member m = new Member(id, group, "fake", mutability == Mutability.MUTABLE ? MemberKind.HOST : MemberKind.INSTANCE,
                mutability, false, group + ":1.0", attributes);
        members.put(id, m);
        return m;
    }

    @Override
    public String provider() {
        return "fake";
    }

    @Override
    public synchronized Future<List<Member>> discover() {
        return Future.succeededFuture(new ArrayList<>(members.values()));
    }

    @Override
    public synchronized Future<Member> replace(Member victim, Duration timeout) {
        Member old = members.remove(victim.id());
        if (old == null) {
            return Future.failedFuture("no member " + victim.id());
        }
        return Future.succeededFuture(add(old.mutability(), old.attributes().containsKey("tag:phoenix:chaos")));
    }

    public synchronized List<String> ids() {
        return List.copyOf(members.keySet());
    }
}
