package dev.phoenix.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** What YAML parsers accept silently is refused, located; aliases mean their anchored value. */
class YamlTreeTest {

    private static final Path FILE = Path.of("phoenix.yaml");

    private static YamlTree parse(String yaml) {
        return YamlTree.parse(yaml, FILE);
    }

    private static String error(String yaml) {
        try {
            parse(yaml);
        } catch (ConfigFileException e) {
            return e.getMessage();
        }
        throw new AssertionError("accepted: " + yaml);
    }

    @Test
    void alias_resolvesToTheAnchoredValue_notToTheAnchorsName() {
        YamlTree tree = parse("""
                probes: &standard [http, {http: {url: "{url}"}}]
                store: &s state
                report: {dir: *s}
                other: *standard
                """);
        @SuppressWarnings("unchecked")
        Map<String, Object> root = (Map<String, Object>) tree.root();
        assertThat(((Map<?, ?>) root.get("report")).get("dir")).isEqualTo("state");
        assertThat(root.get("other")).isEqualTo(root.get("probes")).asList().hasSize(2);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            undefined alias       | store: x\\nreport: {dir: *nope}                   | phoenix.yaml:2:15: report.dir: undefined alias *nope (no anchor &nope before it)
            second document       | store: x\\n---\\nstore: y                        | phoenix.yaml:3:1: a second YAML document ('---') is not supported
            custom tag            | store: !vault secret/phoenix                      | phoenix.yaml:1:8: store: unsupported YAML tag '!vault'
            binary tag            | store: !!binary aGk=                              | phoenix.yaml:1:8: store: unsupported YAML tag '!!binary'
            merge key             | base: &b {a: 1}\\ngroup:\\n  <<: *b               | phoenix.yaml:3:3: group.<<: merge keys ('<<: *anchor') are not supported
            duplicate key         | store: x\\nstore: y                               | phoenix.yaml:2:1: store: duplicate key 'store'
            alias of itself       | a: &x [1, *x]                                     | phoenix.yaml:1:11: a[1]: alias *x refers to the value it is part of
            control character     | store: a\\u0001b                                 | phoenix.yaml:1:9: YAML syntax error after store: character U+0001 is not allowed
            """)
    void acceptedElsewhere_refusedHere_withLineAndKey(String name, String yaml, String expected) {
        assertThat(error(yaml.replace("\\n", "\n").replace("\\u0001", "\u0001"))).startsWith(expected);
    }

    @Test
    void syntaxError_keepsWhatTheParserWasParsing_andWhatItExpectedAndFound() {
        String message = error("groups:\n  - name: web\n    probes: [http\n");
        assertThat(message).startsWith("phoenix.yaml:4:1: YAML syntax error after groups[0].probes[0]: ")
                .contains("expected ',' or ']', but got <stream end>")
                .contains("while parsing a flow sequence that starts at 3:13");
    }

    @Test
    void billionLaughs_isRefused_notExpanded() {
        StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 9; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(10, "*a" + (i - 1)))).append("]\n");
        }
        assertThat(error(yaml.toString())).contains("aliases expand the document to more than 1000000 values");
    }

    @Test
    void deepNesting_isRefusedBeforeTheStackIs() {
        String yaml = "store: " + "[".repeat(5000) + "]".repeat(5000);
        assertThat(error(yaml)).contains("nested deeper than 64 levels");
    }

    @Test
    void keyBefore_namesTheKeyAnErrorWithoutOneFollows() {
        assertThat(YamlTree.keyBefore("store: x\ngroups:\n  - name: web\n    probes: [http", 4, 20)).isEqualTo("groups[0].probes[0]");
        assertThat(YamlTree.keyBefore("store: x\n", 1, 1)).isEqualTo("store");
        assertThat(YamlTree.keyBefore("# only a comment\n", 1, 3)).isEmpty();
    }
}
