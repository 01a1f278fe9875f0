package dev.phoenix.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.phoenix.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against the official OASIS SARIF 2.1.0 schema (errata 01), shipped in src/test/resources. */
class SarifExporterTest {

    private static JsonSchema schema;

    @BeforeAll
    static void schema() throws IOException {
        try (InputStream in = SarifExporterTest.class.getResourceAsStream("/sarif-schema-2.1.0.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        }
    }

    static byte[] sarif(SarifExporter exporter, Scorecard s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exporter.write(s, out);
        return out.toByteArray();
    }

    static JsonNode validated(byte[] sarif) throws IOException {
        JsonNode doc = Json.mapper().readTree(sarif);
        assertThat(schema.validate(doc)).isEmpty();
        return doc;
    }

    private static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    @Test
    void everyKindOfFinding_validatesAgainstTheOfficialSchema_withOneRulePerKind() throws IOException {
        Scorecard s = Scorecards.sample();
        JsonNode run = validated(sarif(new SarifExporter(), s)).get("runs").get(0);
        List<JsonNode> rules = list(run.get("tool").get("driver").get("rules"));
        assertThat(rules).extracting(r -> r.get("id").asText())
                .containsExactly(java.util.Arrays.stream(FindingKind.values()).map(FindingKind::ruleId).toArray(String[]::new))
                .contains("phoenix/drifted", "phoenix/mutated", "phoenix/diverged", "phoenix/missing", "phoenix/unreachable");
        assertThat(rules).allSatisfy(r -> {
            assertThat(r.get("shortDescription").get("text").asText()).isNotBlank();
            assertThat(r.get("fullDescription").get("text").asText()).isNotBlank();
            assertThat(r.get("properties").get("security-severity").asDouble()).isBetween(0.0, 10.0);
        });
        assertThat(rules.get(FindingKind.DIVERGED.ordinal()).get("properties").get("security-severity").asText()).isEqualTo("9.5");

        List<JsonNode> results = list(run.get("results"));
        assertThat(results).hasSize(s.findings().size());
        assertThat(results).extracting(r -> r.get("ruleId").asText()).containsAll(
                java.util.Arrays.stream(FindingKind.values()).map(FindingKind::ruleId).toList());
        assertThat(results).allSatisfy(r -> assertThat(rules.get(r.get("ruleIndex").asInt()).get("id").asText())
                .isEqualTo(r.get("ruleId").asText()));
        assertThat(results).extracting(r -> r.get("partialFingerprints").get(SarifExporter.FINGERPRINT).asText())
                .containsExactlyInAnyOrderElementsOf(s.findings().stream().map(Finding::id).toList());
        assertThat(run.get("properties").get("omitted").asInt()).isZero();
        assertThat(run.get("invocations").get(0).get("toolExecutionNotifications")).isEmpty();
    }

    @Test
    void results_nameTheMemberByNameAndId_levelBySeverity_andLocateGroupsAndMembers() throws IOException {
        JsonNode run = validated(sarif(new SarifExporter(), Scorecards.sample())).get("runs").get(0);
        JsonNode workers = result(run, "config.workers");
        assertThat(workers.get("message").get("text").asText())
                .isEqualTo("db-primary evil\u202Egnp.exe (h-1) in group hosts: config.workers: 4 -> 8");
        assertThat(workers.get("level").asText()).isEqualTo("warning");
        assertThat(workers.get("properties").get("severity").asText()).isEqualTo("MEDIUM");
        JsonNode ref = workers.get("locations").get(0).get("logicalLocations").get(0);
        JsonNode member = run.get("logicalLocations").get(ref.get("index").asInt());
        assertThat(member.get("fullyQualifiedName").asText()).isEqualTo("hosts/h-1");
        assertThat(member.get("kind").asText()).isEqualTo("resource");
        assertThat(member.get("properties").get("memberName").asText()).isEqualTo("db-primary " + Scorecards.BIDI);
        assertThat(run.get("logicalLocations").get(member.get("parentIndex").asInt()).get("name").asText()).isEqualTo("hosts");

        JsonNode undiscovered = list(run.get("results")).stream().filter(r -> r.get("ruleId").asText().equals("phoenix/undiscovered"))
                .findFirst().orElseThrow();
        assertThat(undiscovered.get("message").get("text").asText()).startsWith("group db was not audited: ").contains("endpoint unreachable");
        assertThat(undiscovered.get("level").asText()).isEqualTo("error");
        JsonNode failed = list(run.get("results")).stream().filter(r -> r.get("ruleId").asText().equals("phoenix/replacement-failed"))
                .findFirst().orElseThrow();
        assertThat(failed.get("message").get("text").asText()).startsWith("billing-api (i-0abc) in group api");
        JsonNode unreachable = list(run.get("results")).stream().filter(r -> r.get("ruleId").asText().equals("phoenix/unreachable"))
                .findFirst().orElseThrow();
        assertThat(unreachable.get("message").get("text").asText()).startsWith("db-replica (h-2) in group hosts is UNREACHABLE: ");
    }

    @Test
    void waivedFindings_areExternalSuppressions_expiredOnesAreNot_andNewOnesAreMarkedNew() throws IOException {
        JsonNode run = validated(sarif(new SarifExporter(), Scorecards.sample())).get("runs").get(0);
        JsonNode suppression = result(run, "config.workers").get("suppressions").get(0);
        assertThat(suppression.get("kind").asText()).isEqualTo("external");
        assertThat(suppression.get("status").asText()).isEqualTo("accepted");
        assertThat(suppression.get("justification").asText()).isEqualTo("capacity test, see CHG-42");
        assertThat(suppression.get("properties").get("by").asText()).isEqualTo("alice");
        JsonNode expired = result(run, "files./etc/cron.d/x");
        assertThat(expired.has("suppressions")).isFalse();
        assertThat(expired.get("properties").get("waiver").asText()).startsWith("waiver expired since 2026-11-02");
        JsonNode mutated = result(run, "http.state.json.motd");
        assertThat(mutated.get("baselineState").asText()).isEqualTo("new");
        assertThat(result(run, "config.workers").get("baselineState").asText()).isEqualTo("unchanged");
        assertThat(run.get("properties").get("resolved").asInt()).isEqualTo(1);
        assertThat(run.get("properties").get("unusedWaivers").asInt()).isEqualTo(1);
    }

    @Test
    void theSameFindingInTwoRuns_hasTheSameFingerprint_soCodeScanningTracksOneAlert() throws IOException {
        Scorecard first = Scorecards.sample();
        Scorecard second = new Scorecard(first.schemaVersion(), "20261129T101500000Z-ef56", first.startedAt().plusSeconds(86_400),
                first.finishedAt().plusSeconds(86_400), first.mode(), first.score(), first.groups(), first.members(), first.chaos(),
                first.rollouts(), true, 7L);
        assertThat(fingerprints(second)).containsAll(fingerprints(first).stream()
                .filter(id -> first.findings().stream().anyMatch(f -> f.id().equals(id) && f.kind() != FindingKind.UNDERSIZED
                        && f.kind() != FindingKind.OBJECTIVE_MISSED)).toList());
    }

    private static Set<String> fingerprints(Scorecard s) throws IOException {
        return list(validated(sarif(new SarifExporter(), s)).get("runs").get(0).get("results")).stream()
                .map(r -> r.get("partialFingerprints").get(SarifExporter.FINGERPRINT).asText()).collect(Collectors.toSet());
    }

    @Test
    void overTwentyFiveThousandFindings_keepsTheMostSevere_andSaysWhatWasCut() throws IOException {
        Scorecard s = Scorecards.large(6_000, 5, 1);   // 30,000 findings, 7,500 of them HIGH
        byte[] bytes = sarif(new SarifExporter(), s);
        assertThat((long) bytes.length).isLessThanOrEqualTo(SarifExporter.MAX_BYTES);
        JsonNode run = validated(bytes).get("runs").get(0);
        List<JsonNode> results = list(run.get("results"));
        assertThat(results).hasSize(SarifExporter.MAX_RESULTS);
        assertThat(results.stream().filter(r -> r.get("level").asText().equals("error")).count()).isEqualTo(7_500);
        assertThat(results.subList(0, 7_500)).allSatisfy(r -> assertThat(r.get("level").asText()).isEqualTo("error"));
        assertThat(run.get("properties").get("omitted").asInt()).isEqualTo(5_000);
        assertThat(run.get("properties").get("omittedByKind").get("DRIFTED").asInt()).isEqualTo(5_000);
        assertThat(run.get("properties").get("omittedBySeverity").get("MEDIUM").asInt()).isEqualTo(5_000);
        JsonNode note = run.get("invocations").get(0).get("toolExecutionNotifications").get(0);
        assertThat(note.get("descriptor").get("id").asText()).isEqualTo("phoenix/results-cut");
        assertThat(note.get("message").get("text").asText()).contains("25,000 most severe of 30,000 findings", "5,000 left out");
    }

    @Test
    void findingsWithLargeValues_stayUnderTenMegabytes() throws IOException {
        Scorecard s = Scorecards.large(2_000, 10, 1_000);   // 20,000 findings of some 2.5 KB each
        byte[] bytes = sarif(new SarifExporter(), s);
        assertThat((long) bytes.length).isLessThanOrEqualTo(SarifExporter.MAX_BYTES).isGreaterThan(9_000_000L);
        JsonNode run = validated(bytes).get("runs").get(0);
        int kept = run.get("results").size();
        assertThat(kept).isLessThan(20_000);
        assertThat(run.get("properties").get("omitted").asInt()).isEqualTo(20_000 - kept);
        assertThat(run.get("invocations").get(0).get("toolExecutionNotifications").get(0).get("message").get("text").asText())
                .contains("left out");
        Set<Integer> referenced = new java.util.HashSet<>();
        for (JsonNode r : run.get("results")) {
            referenced.add(r.get("locations").get(0).get("logicalLocations").get(0).get("index").asInt());
        }
        assertThat(referenced).allSatisfy(i -> assertThat(i).isLessThan(run.get("logicalLocations").size()));
    }

    @Test
    void aLocator_givesResultsAPhysicalLocation() throws IOException {
        SarifExporter exporter = new SarifExporter(f -> f.group().equals("hosts")
                ? Optional.of(new SarifExporter.SourceLine("fleet.yaml", 12)) : Optional.empty());
        JsonNode run = validated(sarif(exporter, Scorecards.sample())).get("runs").get(0);
        JsonNode physical = result(run, "config.workers").get("locations").get(0).get("physicalLocation");
        assertThat(physical.get("artifactLocation").get("uri").asText()).isEqualTo("fleet.yaml");
        assertThat(physical.get("region").get("startLine").asInt()).isEqualTo(12);
        assertThat(result(run, "http.state.json.motd").get("locations").get(0).has("physicalLocation")).isFalse();
    }

    @Test
    void theSchema_isNotVacuous() throws IOException {
        JsonNode doc = Json.mapper().readTree(sarif(new SarifExporter(), Scorecards.sample()));
        ((ObjectNode) doc.get("runs").get(0).get("results").get(0)).put("level", "fatal");
        assertThat(schema.validate(doc)).isNotEmpty();
    }

    private static JsonNode result(JsonNode run, String fact) {
        List<JsonNode> matches = new ArrayList<>();
        for (JsonNode r : run.get("results")) {
            if (fact.equals(r.get("properties").path("fact").asText(null)) && !r.get("ruleId").asText().equals("phoenix/diverged")) {
                matches.add(r);
            }
        }
        assertThat(matches).as("results about " + fact).hasSize(1);
        return matches.get(0);
    }

}
