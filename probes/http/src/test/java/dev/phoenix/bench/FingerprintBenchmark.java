package dev.phoenix.bench;

import dev.phoenix.http.JsonFacts;
import dev.phoenix.model.Drift;
import dev.phoenix.model.Fact;
import dev.phoenix.model.FactFilter;
import dev.phoenix.model.Fingerprint;
import dev.phoenix.model.Member;
import dev.phoenix.model.MemberKind;
import dev.phoenix.model.Mutability;
import dev.phoenix.probe.UrlTemplate;
import dev.phoenix.spi.TargetPolicy;
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
 * the whole path from a JSON body to a fingerprint, and two per-member steps of the HTTP probe
 * (the loopback check of the address, the URL from its template). Run with {@code bench/fingerprint-jmh.sh}.
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
    private UrlTemplate url;
    private Member member;

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
        url = UrlTemplate.parse("http://{host}:{port}/state");
        member = new Member("127.0.0.1:40001", "sim", "static", MemberKind.HOST, Mutability.MUTABLE, false, "",
                java.util.Map.of("host", "127.0.0.1", "port", "40001"));
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

    /** Per member on the probe path: is the member's address one that may be contacted (loopback-only mode)? */
    @Benchmark
    public boolean loopbackCheckOfAnAddress() {
        return TargetPolicy.isLoopback("127.0.0.1");
    }

    /** Per member on the probe path: its URL from the probe's template. */
    @Benchmark
    public String urlTemplateExpanded() {
        return url.expand(member);
    }

    @Benchmark
    public Fingerprint jsonBodyToFingerprint() {
        List<Fact> out = new ArrayList<>(FACTS + 1);
        JsonFacts.flatten(json.getBytes(), "http.state.json.", FactFilter.none(), FactFilter.none(), 10_000, out);
        return Fingerprint.of(out);
    }
}
