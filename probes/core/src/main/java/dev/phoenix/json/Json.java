package dev.phoenix.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON mapper of Phoenix: scorecards, baselines, the chaos ledger, run history and the
 * API all read and write with it (records, ISO-8601 instants, indented output, unknown fields
 * ignored so that older versions read newer documents).
 *
 * <pre>{@code
 * byte[] bytes = Json.mapper().writeValueAsBytes(document);
 * BaselineDocument doc = Json.mapper().readValue(bytes, BaselineDocument.class);
 * }</pre>
 */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private Json() {
    }

    /** The shared mapper; thread-safe, never reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
