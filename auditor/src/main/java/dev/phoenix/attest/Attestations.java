package dev.phoenix.attest;

import dev.phoenix.chaos.ChaosSettings;
import dev.phoenix.json.Json;
import dev.phoenix.report.ChaosResult;
import dev.phoenix.report.ChaosVerdict;
import dev.phoenix.report.MemberResult;
import dev.phoenix.report.Scorecard;
import dev.phoenix.store.ObjectStore;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One signed attestation per experiment of a run (every chaos result but SKIPPED): an in-toto
 * Statement v1 whose subject is the victim's provenance and whose predicate
 * ({@value #PREDICATE_TYPE}) holds the victim and replacement fingerprints, the diff, the verdict,
 * the times, the run id and the guardrails in force, in a DSSE envelope signed with the
 * {@link AttestationKey}. Each is kept in the store as {@code runs/<runId>/attestations/<victim>.dsse.json}.
 *
 * <p>The subject's digest is the image's own when the provenance is one ({@code sha256:<hex>}, a
 * Docker image id); for other provenances (an AMI and launch-template version) it is the SHA-256 of
 * the provenance text, and the name carries the text.
 *
 * <pre>{@code
 * Map<String, byte[]> files = await(Attestations.write(objects, key, card, replacementFingerprints, settings));
 * files.keySet()   // [web-0001.dsse.json]
 * }</pre>
 */
public final class Attestations {

    public static final String STATEMENT_TYPE = "https://in-toto.io/Statement/v1";
    public static final String PREDICATE_TYPE = "https://phoenix.dev/attestation/chaos-experiment/v1";
    private static final Pattern IMAGE_DIGEST = Pattern.compile("(sha256:)?([0-9a-f]{64})");

    private Attestations() {
    }

    /** The file name of a victim's attestation: its id with anything but letters, digits, dot, dash and underscore replaced. */
    public static String fileName(String victim) {
        return victim.replaceAll("[^A-Za-z0-9._-]", "_") + ".dsse.json";
    }

    /**
     * Signs one envelope per experiment and stores each under the run.
     *
     * @param replacementFingerprints each judged replacement's fingerprint digest, by victim id
     * @return the envelopes by file name, to write beside the scorecard
     */
    public static Future<Map<String, byte[]>> write(ObjectStore objects, AttestationKey key, Scorecard card,
                                                    Map<String, String> replacementFingerprints, ChaosSettings settings) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try {
            for (ChaosResult r : card.chaos()) {
                if (r.verdict() == ChaosVerdict.SKIPPED || r.victim() == null) {
                    continue;
                }
                byte[] statement = Json.mapper().writeValueAsBytes(statement(card, r, replacementFingerprints.get(r.victim()), settings));
                Dsse.Envelope envelope = Dsse.sign(Dsse.IN_TOTO, statement, key.privateKey(), key.keyId());
                out.put(fileName(r.victim()), Json.mapper().writeValueAsBytes(envelope));
            }
        } catch (Exception e) {
            return Future.failedFuture(new IllegalStateException("signing the attestations of run " + card.runId() + " failed: "
                    + e.getMessage(), e));
        }
        Future<Void> chain = Future.succeededFuture();
        for (Map.Entry<String, byte[]> e : out.entrySet()) {
            chain = chain.compose(v -> objects.put("runs/" + card.runId() + "/attestations/" + e.getKey(), e.getValue()));
        }
        return chain.map(v -> out);
    }

    static Map<String, Object> statement(Scorecard card, ChaosResult r, String replacementFingerprint, ChaosSettings settings)
            throws Exception {
        MemberResult victim = card.members().stream().filter(m -> m.id().equals(r.victim()) && m.group().equals(r.group()))
                .findFirst().orElse(null);
        String provenance = victim == null || victim.provenance() == null ? "unknown" : victim.provenance();
        var m = IMAGE_DIGEST.matcher(provenance);
        String digest = m.matches() ? m.group(2)
                : HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(provenance.getBytes(StandardCharsets.UTF_8)));
        Map<String, Object> subject = new LinkedHashMap<>();
        subject.put("name", provenance);
        subject.put("digest", Map.of("sha256", digest));

        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", r.victim());
        v.put("name", victim == null ? null : victim.name());
        v.put("provenance", provenance);
        v.put("status", victim == null ? null : victim.status().name());
        v.put("fingerprint", victim == null ? null : victim.fingerprint());
        Map<String, Object> rep = new LinkedHashMap<>();
        rep.put("id", r.replacement());
        rep.put("fingerprint", replacementFingerprint);
        List<Map<String, Object>> diff = new ArrayList<>();
        r.diff().forEach(d -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("fact", d.fact());
            x.put("expected", d.expected());
            x.put("actual", d.actual());
            x.put("change", d.change().name());
            diff.add(x);
        });
        Map<String, Object> guardrails = new LinkedHashMap<>();
        guardrails.put("maxPerGroup", settings.maxPerGroup());
        guardrails.put("minHealthy", settings.minHealthy().toString());
        guardrails.put("window", settings.window().map(Object::toString).orElse(null));
        guardrails.put("minInterval", settings.minInterval().toString());
        guardrails.put("replaceTimeout", settings.replaceTimeout().toString());
        guardrails.put("settle", settings.settle().toString());
        guardrails.put("target", settings.target().name());
        guardrails.put("stopConditions", settings.stopConditions().stream().map(ChaosSettings.Condition::type).toList());
        guardrails.put("killSwitchEnv", settings.killSwitchEnv());
        guardrails.put("optIn", settings.optIn().describe());

        Map<String, Object> predicate = new LinkedHashMap<>();
        predicate.put("runId", card.runId());
        predicate.put("startedAt", String.valueOf(card.startedAt()));
        predicate.put("mode", card.mode());
        predicate.put("group", r.group());
        predicate.put("victim", v);
        predicate.put("replacement", rep);
        predicate.put("verdict", r.verdict().name());
        predicate.put("reason", r.reason());
        predicate.put("timeToReplaceMs", r.timeToReplaceMs());
        predicate.put("timeToMatchMs", r.timeToMatchMs());
        predicate.put("diff", diff);
        predicate.put("guardrails", guardrails);

        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("_type", STATEMENT_TYPE);
        statement.put("subject", List.of(subject));
        statement.put("predicateType", PREDICATE_TYPE);
        statement.put("predicate", predicate);
        return statement;
    }
}
