package dev.phoenix.report;

import java.io.IOException;
import java.io.OutputStream;

/** {@code json}: the scorecard contract, {@code scorecard.json}. */
public final class JsonExporter implements Exporter {

    @Override
    public String name() {
        return "json";
    }

    @Override
    public String fileName() {
        return "scorecard.json";
    }

    @Override
    public void write(Scorecard scorecard, OutputStream out) throws IOException {
        ScorecardJson.write(scorecard, out);
    }
}
