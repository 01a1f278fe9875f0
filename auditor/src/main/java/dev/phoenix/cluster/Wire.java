package dev.phoenix.cluster;

import dev.phoenix.model.Fingerprint;
import dev.phoenix.model.Member;
import dev.phoenix.model.MemberKind;
import dev.phoenix.model.Mutability;
import dev.phoenix.model.ProbeError;
import dev.phoenix.observe.Observed;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The event-bus form of a probe batch and its answer. A batch carries its members whole (what the
 * probes need: attributes, addresses, the reason a member is down), so a node probes without
 * discovering; the answer carries one observation per member, in the batch's order, each a
 * fingerprint (facts, digest, in-place keys) or the probe errors.
 *
 * <pre>{@code
 * JsonObject batch = Wire.batch("web", members);          // leader -> node
 * JsonObject answer = Wire.answer(nodeId, observed);      // node -> leader
 * List<Observed> back = Wire.observed(answer, members);   // matched to the members the leader sent
 * }</pre>
 */
final class Wire {

    private Wire() {
    }

    static JsonObject batch(String group, List<Member> members) {
        JsonArray list = new JsonArray(new ArrayList<>(members.size()));
        for (Member m : members) {
            list.add(member(m));
        }
        return new JsonObject().put("group", group).put("members", list);
    }

    static String group(JsonObject batch) {
        return batch.getString("group");
    }

    static List<Member> members(JsonObject batch) {
        JsonArray list = batch.getJsonArray("members");
        List<Member> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            out.add(member(list.getJsonObject(i)));
        }
        return out;
    }

    static JsonObject member(Member m) {
        JsonObject o = new JsonObject().put("id", m.id()).put("name", m.name()).put("group", m.group()).put("provider", m.provider())
                .put("kind", m.kind().name()).put("mutability", m.mutability().name()).put("chaos", m.chaosOptIn())
                .put("provenance", m.provenance()).put("attributes", new JsonObject(new LinkedHashMap<>(m.attributes())));
        if (m.down() != null) {
            o.put("down", m.down());
        }
        return o;
    }

    static Member member(JsonObject o) {
        Map<String, String> attributes = new LinkedHashMap<>();
        o.getJsonObject("attributes", new JsonObject()).forEach(e -> attributes.put(e.getKey(), String.valueOf(e.getValue())));
        return new Member(o.getString("id"), o.getString("name"), o.getString("group"), o.getString("provider"),
                MemberKind.valueOf(o.getString("kind")), Mutability.valueOf(o.getString("mutability")), o.getBoolean("chaos", false),
                o.getString("provenance"), attributes, o.getString("down"));
    }

    static JsonObject answer(String node, List<Observed> observed) {
        JsonArray list = new JsonArray(new ArrayList<>(observed.size()));
        for (Observed o : observed) {
            JsonObject one = new JsonObject();
            Fingerprint fp = o.fingerprint();
            if (fp != null) {
                one.put("facts", new JsonObject(new LinkedHashMap<>(fp.facts()))).put("digest", fp.digest());
                if (!fp.inPlaceKeys().isEmpty()) {
                    one.put("inPlace", new JsonArray(new ArrayList<>(fp.inPlaceKeys())));
                }
            }
            if (!o.errors().isEmpty()) {
                JsonArray errors = new JsonArray();
                o.errors().forEach(e -> errors.add(new JsonObject().put("probe", e.probe()).put("cause", e.cause())));
                one.put("errors", errors);
            }
            list.add(one);
        }
        return new JsonObject().put("node", node).put("observed", list);
    }

    /**
     * The observations of an answer, matched by position to the members the leader sent.
     *
     * @param interned fingerprints by digest, so that members with one state share one object
     * @throws IllegalArgumentException when the answer does not hold one observation per member
     */
    static List<Observed> observed(JsonObject answer, List<Member> sent, Map<String, Fingerprint> interned) {
        JsonArray list = answer.getJsonArray("observed");
        if (list == null || list.size() != sent.size()) {
            throw new IllegalArgumentException("the answer holds " + (list == null ? 0 : list.size()) + " observations for "
                    + sent.size() + " members");
        }
        List<Observed> out = new ArrayList<>(sent.size());
        for (int i = 0; i < sent.size(); i++) {
            JsonObject one = list.getJsonObject(i);
            Fingerprint fp = null;
            JsonObject facts = one.getJsonObject("facts");
            if (facts != null) {
                String digest = one.getString("digest");
                fp = interned.get(digest);
                if (fp == null) {
                    Map<String, String> state = new LinkedHashMap<>();
                    facts.forEach(e -> state.put(e.getKey(), String.valueOf(e.getValue())));
                    Set<String> inPlace = new HashSet<>();
                    JsonArray keys = one.getJsonArray("inPlace");
                    if (keys != null) {
                        keys.forEach(k -> inPlace.add(String.valueOf(k)));
                    }
                    fp = new Fingerprint(state, digest, inPlace);
                    interned.put(digest, fp);
                }
            }
            List<ProbeError> errors = new ArrayList<>();
            JsonArray errs = one.getJsonArray("errors");
            if (errs != null) {
                for (int j = 0; j < errs.size(); j++) {
                    errors.add(new ProbeError(errs.getJsonObject(j).getString("probe"), errs.getJsonObject(j).getString("cause")));
                }
            }
            out.add(new Observed(sent.get(i), fp, errors));
        }
        return out;
    }
}
