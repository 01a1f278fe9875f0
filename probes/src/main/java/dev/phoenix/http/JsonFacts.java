package dev.phoenix.http;

import dev.phoenix.model.Fact;
import dev.phoenix.model.FactFilter;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * Flattens a JSON document into facts: nested keys joined with dots, array elements indexed
 * ({@code packages[0].name}). Paths matching {@code ignore} are dropped; paths matching
 * {@code identity} become identity facts.
 *
 * <pre>{@code
 * JsonFacts.flatten(new JsonObject("{\"a\":{\"b\":1}}"), "http.state.json.", none, none, 1000)
 *     // [http.state.json.a.b=1]
 * }</pre>
 */
public final class JsonFacts {

    private static final int MAX_DEPTH = 64;

    private JsonFacts() {
    }

    /**
     * @throws IllegalArgumentException when the document nests deeper than 64 levels or yields
     *                                  more than {@code maxFacts} facts
     */
    public static void flatten(Object json, String prefix, FactFilter ignore, FactFilter identity,
                               int maxFacts, List<Fact> out) {
        walk(json, "", prefix, ignore, identity, maxFacts, out, 0);
    }

    private static void walk(Object node, String path, String prefix, FactFilter ignore, FactFilter identity,
                             int maxFacts, List<Fact> out, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("JSON nests deeper than " + MAX_DEPTH + " levels at '" + path + "'");
        }
        if (!path.isEmpty() && ignore.matches(path)) {
            return;
        }
        if (node instanceof JsonObject obj) {
            if (obj.isEmpty()) {
                add(path, "{}", prefix, identity, maxFacts, out);
            }
            for (Map.Entry<String, Object> e : obj) {
                walk(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(),
                        prefix, ignore, identity, maxFacts, out, depth + 1);
            }
        } else if (node instanceof JsonArray arr) {
            if (arr.isEmpty()) {
                add(path, "[]", prefix, identity, maxFacts, out);
            }
            for (int i = 0; i < arr.size(); i++) {
                walk(arr.getValue(i), path + "[" + i + "]", prefix, ignore, identity, maxFacts, out, depth + 1);
            }
        } else {
            add(path, String.valueOf(node), prefix, identity, maxFacts, out);
        }
    }

    private static void add(String path, String value, String prefix, FactFilter identity, int maxFacts, List<Fact> out) {
        if (out.size() >= maxFacts) {
            throw new IllegalArgumentException("document yields more than " + maxFacts + " facts (raise max-facts or ignore some keys)");
        }
        String key = prefix + (path.isEmpty() ? "$" : path);
        out.add(identity.matches(path) ? Fact.identity(key, value) : Fact.of(key, value));
    }
}
