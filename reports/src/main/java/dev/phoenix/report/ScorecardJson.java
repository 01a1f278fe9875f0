package dev.phoenix.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.phoenix.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ref.SoftReference;
import java.lang.ref.WeakReference;

/**
 * Reads and writes the scorecard JSON.
 *
 * <pre>{@code
 * ScorecardJson.write(scorecard, out);
 * Scorecard again = ScorecardJson.read(in);   // IOException naming line and field on bad input
 * }</pre>
 */
public final class ScorecardJson {

    private static final ObjectMapper MAPPER = Json.mapper();

    private ScorecardJson() {
    }

    /** The last scorecard serialised by {@link #bytes} and its JSON, both let go when memory is short. */
    private static volatile Serialised last = new Serialised(new WeakReference<>(null), new SoftReference<>(null));

    public static void write(Scorecard scorecard, OutputStream out) throws IOException {
        out.write(bytes(scorecard));
    }

    /**
     * The scorecard as JSON. A run's scorecard is saved in the history and written to {@code --out}:
     * the same object is serialised once and its bytes reused. The array is shared: do not modify it.
     */
    public static byte[] bytes(Scorecard scorecard) throws IOException {
        Serialised seen = last;
        byte[] json = seen.card().get() == scorecard ? seen.json().get() : null;
        if (json == null) {
            json = MAPPER.writeValueAsBytes(scorecard);
            last = new Serialised(new WeakReference<>(scorecard), new SoftReference<>(json));
        }
        return json;
    }

    private record Serialised(WeakReference<Scorecard> card, SoftReference<byte[]> json) {
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
            if (e instanceof com.fasterxml.jackson.databind.exc.ValueInstantiationException && e.getCause() != null) {
                // a record's constructor refused a value: say which, not which Java class
                throw new IOException(where + "a required field is missing or invalid (" + e.getCause().getMessage() + ")", e);
            }
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
