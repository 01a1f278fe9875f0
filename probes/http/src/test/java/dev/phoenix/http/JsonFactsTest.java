package dev.phoenix.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.phoenix.model.Fact;
import dev.phoenix.model.FactFilter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonFactsTest {

    private static List<Fact> flatten(String json, List<String> ignore, List<String> identity, int max) {
        List<Fact> out = new ArrayList<>();
        JsonFacts.flatten(json.getBytes(StandardCharsets.UTF_8), "p.", FactFilter.of(ignore), FactFilter.of(identity), max, out);
        return out;
    }

    private static List<String> lines(List<Fact> facts) {
        return facts.stream().map(f -> (f.identity() ? "id " : "") + f.key() + "=" + f.value()).toList();
    }

    @Test
    void nestedObjectsAndArrays_becomeDottedAndIndexedKeys() {
        assertThat(lines(flatten("""
                {"a": {"b": 1, "c": [true, null, "x"], "d": {}, "e": []}, "f": 1.50, "g": "with \\"quote\\""}
                """, List.of(), List.of(), 100))).containsExactly(
                "p.a.b=1", "p.a.c[0]=true", "p.a.c[1]=null", "p.a.c[2]=x", "p.a.d={}", "p.a.e=[]", "p.f=1.50",
                "p.g=with \"quote\"");
    }

    @Test
    void ignoredPaths_dropTheirWholeSubtree_andIdentityPathsAreMarked() {
        assertThat(lines(flatten("{\"member\": {\"id\": \"m1\"}, \"uptime\": {\"s\": 5, \"ms\": [1,2]}, \"v\": 2}",
                List.of("uptime"), List.of("member.*"), 100))).containsExactly("id p.member.id=m1", "p.v=2");
    }

    @Test
    void scalarDocument_isOneFactAtTheRoot() {
        assertThat(lines(flatten("\"hello\"", List.of(), List.of(), 10))).containsExactly("p.$=hello");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "<html>not json</html>|Unexpected character",
            "{\"a\": 1} {\"b\": 2}|content after the JSON document",
            "{\"a\": |Unexpected end-of-input",
            "''|empty body"})
    void malformedDocuments_areRejectedSayingWhere(String body, String message) {
        assertThatThrownBy(() -> flatten(body, List.of(), List.of(), 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void deepNestingAndTooManyFacts_areRejected() {
        String deep = "[".repeat(100) + "]".repeat(100);
        assertThatThrownBy(() -> flatten(deep, List.of(), List.of(), 10)).hasMessageContaining("nest");
        assertThatThrownBy(() -> flatten("[1,2,3,4]", List.of(), List.of(), 3)).hasMessageContaining("more than 3 facts");
    }
}
