package dev.phoenix.audit;

import dev.phoenix.fleet.Fleet;
import dev.phoenix.model.Fact;
import dev.phoenix.model.Member;
import dev.phoenix.model.MemberKind;
import dev.phoenix.model.Mutability;
import dev.phoenix.model.Observation;
import dev.phoenix.probe.Probe;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An in-memory fleet for engine tests: members with a state map each, an "image" per
 * provenance that replacements are built from, and switches for failure modes.
 */
public final class FakeFleet implements Fleet {

    /** How {@link #replace} behaves. */
    public enum ReplaceMode { WORKS, FAILS, NEVER_COMPLETES }

    private final String group;
    private final Map<String, Member> members = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> state = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> images = new LinkedHashMap<>();
    private final Set<String> down = new HashSet<>();
    private final List<String> replaced = new ArrayList<>();
    private ReplaceMode mode = ReplaceMode.WORKS;
    private boolean replacementsAnswer = true;
    private String replacementProvenance;
    private int next = 1;

    public FakeFleet(String group) {
        this.group = group;
    }

    /** Defines the image for {@code provenance}: what fresh members built from it report. */
    public FakeFleet image(String provenance, Map<String, String> facts) {
        images.put(provenance, new TreeMap<>(facts));
        return this;
    }

    public Member add(Mutability mutability, boolean optIn, String provenance) {
        String id = group + "-" + next++;
        Member m = new Member(id, group, "fake", mutability == Mutability.MUTABLE ? MemberKind.HOST : MemberKind.INSTANCE,
                mutability, optIn, provenance, Map.of());
        members.put(id, m);
        state.put(id, new TreeMap<>(images.getOrDefault(provenance, Map.of("app.version", "1"))));
        return m;
    }

    /** Changes one fact of a member in place. */
    public void set(String memberId, String key, String value) {
        state.get(memberId).put(key, value);
    }

    public void down(String memberId) {
        down.add(memberId);
    }

    public FakeFleet replaceMode(ReplaceMode mode) {
        this.mode = mode;
        return this;
    }

    public FakeFleet replacementsAnswer(boolean answer) {
        this.replacementsAnswer = answer;
        return this;
    }

    /** Replacements are built from this provenance instead of the victim's (a new launch-template version). */
    public FakeFleet replacementProvenance(String provenance) {
        this.replacementProvenance = provenance;
        return this;
    }

    public List<String> replaced() {
        return replaced;
    }

    public Map<String, Member> members() {
        return members;
    }

    @Override
    public String provider() {
        return "fake";
    }

    @Override
    public Future<List<Member>> discover() {
        return Future.succeededFuture(List.copyOf(members.values()));
    }

    @Override
    public Future<Member> replace(Member victim, Duration timeout) {
        replaced.add(victim.id());
        switch (mode) {
            case FAILS:
                return Future.failedFuture("the provider refused to terminate " + victim.id());
            case NEVER_COMPLETES:
                return Promise.<Member>promise().future();
            default:
                members.remove(victim.id());
                state.remove(victim.id());
                Member fresh = add(victim.mutability(), victim.chaosOptIn(),
                        replacementProvenance != null ? replacementProvenance : victim.provenance());
                if (!replacementsAnswer) {
                    down.add(fresh.id());
                }
                return Future.succeededFuture(fresh);
        }
    }

    /** A probe that reports each member's state map as facts (plus an identity fact). */
    public Probe probe() {
        return new Probe() {
            @Override
            public String name() {
                return "fake";
            }

            @Override
            public Future<Observation> observe(Member member) {
                if (down.contains(member.id()) || !state.containsKey(member.id())) {
                    return Future.succeededFuture(Observation.failed(name(), member.id() + " does not answer"));
                }
                List<Fact> facts = new ArrayList<>();
                facts.add(Fact.identity("fake.id", member.id()));
                state.get(member.id()).forEach((k, v) -> facts.add(Fact.of(k, v)));
                return Future.succeededFuture(Observation.ok(name(), facts));
            }
        };
    }

    public GroupRuntime runtime() {
        return new GroupRuntime(group, this, List.of(probe()), dev.phoenix.model.FactFilter.none(), dev.phoenix.model.FactFilter.none());
    }
}
