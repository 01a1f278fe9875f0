package dev.phoenix.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Reads and writes the scorecard JSON.
 *
 * <pre>{@code
 * ScorecardJson.write(scorecard, out);
 * Scorecard again = ScorecardJson.read(in);   // IOException naming line and field on bad input
 * }</pre>
 */
public final class ScorecardJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private ScorecardJson() {
    }

    /** The shared mapper (records, ISO-8601 instants, indented output). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static void write(Scorecard scorecard, OutputStream out) throws IOException {
        MAPPER.writeValue(new NonClosing(out), scorecard);
    }

    public static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /** Parses a scorecard; a malformed file gives an {@link IOException} naming line, column and field. */
    public static Scorecard read(InputStream in) throws IOException {
        try {
            Scorecard s = MAPPER.readValue(in, Scorecard.class);
            if (s == null) {
                throw new IOException("empty document");
            }
            if (s.schemaVersion() != Scorecard.SCHEMA_VERSION) {
                throw new IOException("unsupported schemaVersion " + s.schemaVersion() + " (this Phoenix reads "
                        + Scorecard.SCHEMA_VERSION + ")");
            }
            return s;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": ";
            throw new IOException(where + e.getOriginalMessage(), e);
        }
    }

    /** Jackson closes the stream it writes to; exporters do not own theirs. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
