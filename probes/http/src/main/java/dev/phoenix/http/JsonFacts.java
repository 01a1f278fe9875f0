package dev.phoenix.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.phoenix.model.Fact;
import dev.phoenix.model.FactFilter;
import java.io.IOException;
import java.util.List;

/**
 * Flattens a JSON document into facts in one streaming pass, without building a tree: nested
 * keys joined with dots, array elements indexed ({@code packages[0].name}), empty objects and
 * arrays as {@code {}} and {@code []}, scalars as their JSON text (strings unquoted). Paths
 * matching {@code ignore} are skipped with their whole subtree; paths matching {@code identity}
 * become identity facts.
 *
 * <pre>{@code
 * JsonFacts.flatten("{\"a\":{\"b\":1}}".getBytes(UTF_8), "http.state.json.", none, none, 1000, out)
 *     // out: [http.state.json.a.b=1]
 * }</pre>
 */
public final class JsonFacts {

    private static final int MAX_DEPTH = 64;
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH + 1).build())
            .build();

    private JsonFacts() {
    }

    /**
     * @throws IllegalArgumentException when the bytes are not one JSON document (the message says
     *                                  where), nest deeper than 64 levels or yield more than
     *                                  {@code maxFacts} facts
     */
    public static void flatten(byte[] json, String prefix, FactFilter ignore, FactFilter identity, int maxFacts,
                               List<Fact> out) {
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() == null) {
                throw new IllegalArgumentException("empty body");
            }
            new Walker(p, prefix, ignore, identity, maxFacts, out).value(new StringBuilder(), 0);
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("content after the JSON document at offset "
                        + p.currentTokenLocation().getByteOffset());
            }
        } catch (JsonProcessingException e) {
            String message = e.getOriginalMessage();
            int nl = message.indexOf('\n');
            throw new IllegalArgumentException((nl < 0 ? message : message.substring(0, nl))
                    + (e.getLocation() == null ? "" : " at offset " + e.getLocation().getByteOffset()), e);
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Walks the token stream; {@code path} is one builder, extended and truncated as the walk descends. */
    private record Walker(JsonParser p, String prefix, FactFilter ignore, FactFilter identity, int maxFacts, List<Fact> out) {

        /** Consumes the value at the current token. */
        void value(StringBuilder path, int depth) throws IOException {
            JsonToken token = p.currentToken();
            if (depth > MAX_DEPTH) {
                throw new IllegalArgumentException("JSON nests deeper than " + MAX_DEPTH + " levels at '" + path + "'");
            }
            if (path.length() > 0 && !ignore.isEmpty() && ignore.matches(path.toString())) {
                p.skipChildren();
                return;
            }
            switch (token) {
                case START_OBJECT -> {
                    if (p.nextToken() == JsonToken.END_OBJECT) {
                        add(path, "{}");
                        return;
                    }
                    int mark = path.length();
                    do {
                        if (mark > 0) {
                            path.append('.');
                        }
                        path.append(p.currentName());
                        p.nextToken();
                        value(path, depth + 1);
                        path.setLength(mark);
                    } while (p.nextToken() == JsonToken.FIELD_NAME);
                }
                case START_ARRAY -> {
                    if (p.nextToken() == JsonToken.END_ARRAY) {
                        add(path, "[]");
                        return;
                    }
                    int mark = path.length();
                    int i = 0;
                    do {
                        path.append('[').append(i++).append(']');
                        value(path, depth + 1);
                        path.setLength(mark);
                    } while (p.nextToken() != JsonToken.END_ARRAY);
                }
                case VALUE_NULL -> add(path, "null");
                default -> add(path, p.getText());
            }
        }

        private void add(StringBuilder path, String value) {
            if (out.size() >= maxFacts) {
                throw new IllegalArgumentException("document yields more than " + maxFacts
                        + " facts (raise max-facts or ignore some keys)");
            }
            String relative = path.length() == 0 ? "$" : path.toString();
            String key = prefix + relative;
            out.add(!identity.isEmpty() && identity.matches(relative) ? Fact.identity(key, value) : Fact.of(key, value));
        }
    }
}
