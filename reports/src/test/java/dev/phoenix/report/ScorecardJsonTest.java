package dev.phoenix.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.phoenix.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScorecardJsonTest {

    private static byte[] json(Scorecard s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new JsonExporter().write(s, out);
        return out.toByteArray();
    }

    @Test
    void scorecard_roundTripsThroughJson() throws IOException {
        Scorecard s = Scorecards.sample();
        assertThat(ScorecardJson.read(new ByteArrayInputStream(json(s)))).isEqualTo(s);
    }

    @Test
    void scorecard_validatesAgainstTheShippedSchema() throws IOException {
        JsonSchema schema;
        try (InputStream in = ScorecardJson.class.getResourceAsStream("scorecard.schema.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
        JsonNode doc = Json.mapper().readTree(json(Scorecards.sample()));
        Set<ValidationMessage> errors = schema.validate(doc);
        assertThat(errors).isEmpty();
        assertThat(doc.get("score").get("reproducibility").asInt()).isEqualTo(50);
        assertThat(doc.get("chaos").get(0).get("verdict").asText()).isEqualTo("DIVERGED");

        ((com.fasterxml.jackson.databind.node.ObjectNode) doc.get("score")).put("grade", "Z");
        assertThat(schema.validate(doc)).as("the schema is not vacuous").isNotEmpty();
    }

    @Test
    void malformedScorecard_namesLineAndColumn() {
        byte[] bad = "{\n  \"schemaVersion\": 1,\n  \"runId\": [oops\n}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ScorecardJson.read(new ByteArrayInputStream(bad)))
                .isInstanceOf(IOException.class).hasMessageStartingWith("line 3, column");
    }

    @Test
    void futureSchemaVersion_isRefused() {
        byte[] doc = "{\"schemaVersion\": 2, \"runId\": \"x\", \"score\": {}, \"groups\": [], \"members\": [], \"chaos\": []}"
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ScorecardJson.read(new ByteArrayInputStream(doc))).hasMessageContaining("unsupported schemaVersion 2");
    }
}
