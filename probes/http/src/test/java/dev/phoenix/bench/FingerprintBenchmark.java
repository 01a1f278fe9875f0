package dev.phoenix.bench;

import dev.phoenix.http.JsonFacts;
import dev.phoenix.model.Drift;
import dev.phoenix.model.Fact;
import dev.phoenix.model.FactFilter;
import dev.phoenix.model.Fingerprint;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-member CPU cost of a member with 1,000 facts: building its fingerprint, comparing it with
 * an identical baseline (the common case: digests match) and with one where 10 facts changed,
 * and the whole path from a JSON body to a fingerprint. Run with {@code bench/fingerprint-jmh.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FingerprintBenchmark {

    static final int FACTS = 1000;

    private List<Fact> facts;
    private Fingerprint baseline;
    private Fingerprint same;
    private Fingerprint tenChanged;
    private Buffer json;

    @Setup
    public void setUp() {
        facts = new ArrayList<>(FACTS);
        JsonObject doc = new JsonObject();
        for (int i = 0; i < FACTS; i++) {
            String section = "section" + (i / 50);
            String key = "key" + i;
            String value = "value-" + Integer.toHexString(i * 2654435761L > 0 ? i * 31 : i) + "-" + i;
            facts.add(Fact.of("http.state.json." + section + "." + key, value));
            JsonObject s = doc.getJsonObject(section);
            if (s == null) {
                s = new JsonObject();
                doc.put(section, s);
            }
            s.put(key, value);
        }
        baseline = Fingerprint.of(facts);
        same = Fingerprint.of(facts);
        List<Fact> changed = new ArrayList<>(facts);
        for (int i = 0; i < 10; i++) {
            Fact f = changed.get(i * 97);
            changed.set(i * 97, Fact.of(f.key(), f.value() + "-changed"));
        }
        tenChanged = Fingerprint.of(changed);
        json = doc.toBuffer();
    }

    @Benchmark
    public Fingerprint fingerprintOf1000Facts() {
        return Fingerprint.of(facts);
    }

    @Benchmark
    public List<Drift> diffIdentical() {
        return baseline.diff(same);
    }

    @Benchmark
    public List<Drift> diffTenOf1000Changed() {
        return baseline.diff(tenChanged);
    }

    @Benchmark
    public Fingerprint jsonBodyToFingerprint() {
        List<Fact> out = new ArrayList<>(FACTS + 1);
        JsonFacts.flatten(json.getBytes(), "http.state.json.", FactFilter.none(), FactFilter.none(), 10_000, out);
        return Fingerprint.of(out);
    }
}
