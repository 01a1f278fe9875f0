package dev.phoenix.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;

/**
 * A SARIF run's logical locations: each group once (kind {@code module}), each member once under
 * its group (kind {@code resource}, its name in the properties), added as results refer to them, and
 * taken back when the result that added one is not written (the file is full).
 *
 * <pre>{@code
 * SarifLocations locations = new SarifLocations(run.putArray("logicalLocations"));
 * location.putArray("logicalLocations").add(locations.reference("hosts", "h-1", "db-primary"));   // {"index": 1}
 * }</pre>
 */
final class SarifLocations {

    private final ArrayNode cache;
    private final Map<String, Integer> index = new HashMap<>();
    private int mark;
    private long addedBytes;

    SarifLocations(ArrayNode cache) {
        this.cache = cache;
    }

    /**
     * A reference by index to the member's location (the group's for a group-wide finding),
     * added to the cache when new; the cache has the names, so that results stay small.
     */
    ObjectNode reference(String group, String member, String name) {
        mark = cache.size();
        addedBytes = 0;
        int groupIndex = indexOf(group, null, null, -1);
        int at = member == null ? groupIndex : indexOf(group, member, name, groupIndex);
        return JsonNodeFactory.instance.objectNode().put("index", at);
    }

    /** Bytes the last {@link #reference} added to the cache. */
    long addedBytes() {
        return addedBytes;
    }

    /** Takes back what the last {@link #reference} added: its result is not written. */
    void undo() {
        while (cache.size() > mark) {
            cache.remove(cache.size() - 1);
            index.values().remove(cache.size());
        }
    }

    private int indexOf(String group, String member, String name, int parent) {
        String key = member == null ? group : group + "\u0000" + member;
        Integer known = index.get(key);
        if (known != null) {
            return known;
        }
        ObjectNode location = cache.addObject();
        location.put("name", member == null ? group : member);
        location.put("fullyQualifiedName", member == null ? group : group + "/" + member);
        location.put("kind", member == null ? "module" : "resource");
        if (parent >= 0) {
            location.put("parentIndex", parent);
            location.putObject("properties").put("memberName", name).put("group", group);
        }
        try {
            addedBytes += SarifExporter.COMPACT.writeValueAsBytes(location).length + 1;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a logical location could not be written", e);
        }
        index.put(key, cache.size() - 1);
        return cache.size() - 1;
    }
}
