package dev.phoenix.fakes;

import dev.phoenix.observe.GroupRuntime;
import dev.phoenix.fleet.Fleet;
import dev.phoenix.model.Fact;
import dev.phoenix.model.FactFilter;
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
 * provenance that replacements are built from, and switches for failure modes. Nothing runs.
 *
 * <pre>{@code
 * FakeFleet web = FakeFleet.of("web", 3, Mutability.IMMUTABLE, true);    // web-1..web-3, opted in by tag
 * web.down("web-2");                                                        // its probe stops answering
 * engine.run(List.of(web.runtime()), ...);
 * web.replaced();                                                           // victims, in order
 * }</pre>
 */
public final class FakeFleet implements Fleet {

    /** The tag that opts a member in, as {@link #of} sets it ({@code chaos.opt-in-tag} by default). */
    public static final String OPT_IN_TAG = "tag:phoenix:chaos";

    /** How {@link #replace} behaves. */
    public enum ReplaceMode { WORKS, FAILS, NEVER_COMPLETES }

    private final String group;
    private final Map<String, Member> members = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> state = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> images = new LinkedHashMap<>();
    private final Set<String> down = new HashSet<>();
    private final Map<String, String> stopped = new LinkedHashMap<>();
    private Integer expectedSize;
    private final List<String> replaced = new ArrayList<>();
    private ReplaceMode mode = ReplaceMode.WORKS;
    private boolean replacementsAnswer = true;
    private String replacementProvenance;
    private int next = 1;
    private String bootFact;

    public FakeFleet(String group) {
        this.group = group;
    }

    /**
     * {@code size} members {@code <group>-1..}, built from provenance {@code <group>:1.0}.
     *
     * @param optedIn whether members carry the chaos opt-in tag ({@link #OPT_IN_TAG} = opt-in), which the fleet
     *                resolves into {@link Member#chaosOptIn()} as every fleet does
     */
    public static FakeFleet of(String group, int size, Mutability mutability, boolean optedIn) {
        FakeFleet f = new FakeFleet(group);
        for (int i = 0; i < size; i++) {
            f.add(mutability, optedIn, group + ":1.0", optedIn ? Map.of(OPT_IN_TAG, "opt-in") : Map.of());
        }
        return f;
    }

    /** Defines the image for {@code provenance}: what fresh members built from it report. */
    public synchronized FakeFleet image(String provenance, Map<String, String> facts) {
        images.put(provenance, new TreeMap<>(facts));
        return this;
    }

    /** Adds a member; {@code optIn} is the provider's own opt-in flag ({@link Member#chaosOptIn()}). */
    public Member add(Mutability mutability, boolean optIn, String provenance) {
        return add(mutability, optIn, provenance, Map.of());
    }

    private synchronized Member add(Mutability mutability, boolean optIn, String provenance, Map<String, String> attributes) {
        String id = group + "-" + next++;
        Member m = new Member(id, group, "fake", mutability == Mutability.MUTABLE ? MemberKind.HOST : MemberKind.INSTANCE,
                mutability, optIn, provenance, attributes);
        members.put(id, m);
        state.put(id, new TreeMap<>(images.getOrDefault(provenance, Map.of("app.version", "1"))));
        if (bootFact != null) {
            state.get(id).put(bootFact, "boot-" + id);
        }
        return m;
    }

    /** Members created from now on get {@code fact} with a value of their own, as a boot that writes a random value would. */
    public synchronized FakeFleet nondeterministic(String fact) {
        this.bootFact = fact;
        return this;
    }

    /** Changes one fact of a member in place. */
    public synchronized void set(String memberId, String key, String value) {
        state.get(memberId).put(key, value);
    }

    /** The member disappears from the fleet, as if deleted outside Phoenix. */
    public synchronized FakeFleet remove(String memberId) {
        members.remove(memberId);
        state.remove(memberId);
        return this;
    }

    /** The fleet still lists the member, but says it is not in service ({@link Member#notInService}). */
    public synchronized FakeFleet stop(String memberId, String reason) {
        stopped.put(memberId, reason);
        return this;
    }

    /** The member is in service again. */
    public synchronized FakeFleet start(String memberId) {
        stopped.remove(memberId);
        return this;
    }

    /** What the provider says the group should have ({@link Fleet#expectedSize()}); null for nothing. */
    public synchronized FakeFleet expectedSize(Integer size) {
        this.expectedSize = size;
        return this;
    }

    @Override
    public synchronized java.util.Optional<Integer> expectedSize() {
        return java.util.Optional.ofNullable(expectedSize);
    }

    /** The member stops answering its probe. */
    public synchronized FakeFleet down(String memberId) {
        down.add(memberId);
        return this;
    }

    public synchronized FakeFleet replaceMode(ReplaceMode mode) {
        this.mode = mode;
        return this;
    }

    public synchronized FakeFleet replacementsAnswer(boolean answer) {
        this.replacementsAnswer = answer;
        return this;
    }

    /** Replacements are built from this provenance instead of the victim's (a new launch-template version). */
    public synchronized FakeFleet replacementProvenance(String provenance) {
        this.replacementProvenance = provenance;
        return this;
    }

    /** Victims {@link #replace} was asked for, in order. */
    public synchronized List<String> replaced() {
        return List.copyOf(replaced);
    }

    public synchronized Map<String, Member> members() {
        return new LinkedHashMap<>(members);
    }

    public synchronized List<String> ids() {
        return List.copyOf(members.keySet());
    }

    @Override
    public String provider() {
        return "fake";
    }

    @Override
    public synchronized Future<List<Member>> discover() {
        return Future.succeededFuture(members.values().stream()
                .map(m -> stopped.containsKey(m.id()) ? m.notInService(stopped.get(m.id())) : m).toList());
    }

    @Override
    public synchronized Future<Member> replace(Member victim, Duration timeout) {
        replaced.add(victim.id());
        if (!members.containsKey(victim.id())) {
            return Future.failedFuture("no member " + victim.id());
        }
        switch (mode) {
            case FAILS:
                return Future.failedFuture("the provider refused to terminate " + victim.id());
            case NEVER_COMPLETES:
                return Promise.<Member>promise().future();
            default:
                members.remove(victim.id());
                state.remove(victim.id());
                Member fresh = add(victim.mutability(), victim.chaosOptIn(),
                        replacementProvenance != null ? replacementProvenance : victim.provenance(), victim.attributes());
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
                synchronized (FakeFleet.this) {
                    if (down.contains(member.id()) || !state.containsKey(member.id())) {
                        return Future.succeededFuture(Observation.failed(name(), member.id() + " does not answer"));
                    }
                    List<Fact> facts = new ArrayList<>();
                    facts.add(Fact.identity("fake.id", member.id()));
                    state.get(member.id()).forEach((k, v) -> facts.add(Fact.of(k, v)));
                    return Future.succeededFuture(Observation.ok(name(), facts));
                }
            }
        };
    }

    /** The group as the engine runs it: this fleet and its {@link #probe()}. */
    public GroupRuntime runtime() {
        return new GroupRuntime(group, this, List.of(probe()), FactFilter.none(), FactFilter.none());
    }
}
