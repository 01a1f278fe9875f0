package dev.phoenix.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.phoenix.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signed attestations of chaos experiments on a simulated fleet: written beside the scorecard and
 * kept with the run, the private key only in the store, checked by {@code phoenix attest verify}
 * and by an independent implementation (Python's {@code cryptography}), and a tampered envelope
 * fails both.
 */
class AttestationTest {

    @TempDir
    Path dir;

    private Path config(String extraChaos) throws IOException {
        Path file = dir.resolve("phoenix.yml");
        Files.writeString(file, """
                store: .phoenix
                probing: {targets: loopback}
                groups:
                  - name: web
                    source: {simulated: {members: 3, kind: instance, image: web, version: 2.4.1}}
                    probes: [{http: {url: "{url}", name: state, identity: ["member.*"]}}]
                chaos: {enabled: true, max-per-group: 1, min-healthy: 50%%, replace-timeout: 30s%s}
                report: {formats: [json]}
                """.formatted(extraChaos));
        return file;
    }

    private Path attestation(Path out) throws IOException {
        try (Stream<Path> files = Files.list(out.resolve("attestations"))) {
            List<Path> all = files.toList();
            assertThat(all).hasSize(1);
            return all.get(0);
        }
    }

    /** A copy of {@code envelope} whose statement says DIVERGED where it said REPRODUCED, signature kept. */
    private Path tampered(Path envelope) throws IOException {
        ObjectNode e = (ObjectNode) Json.mapper().readTree(envelope.toFile());
        String statement = new String(Base64.getDecoder().decode(e.get("payload").asText()), StandardCharsets.UTF_8);
        assertThat(statement).contains("\"REPRODUCED\"");
        e.put("payload", Base64.getEncoder().encodeToString(statement.replace("\"REPRODUCED\"", "\"DIVERGED\"")
                .getBytes(StandardCharsets.UTF_8)));
        Path out = dir.resolve("tampered.dsse.json");
        Json.mapper().writeValue(out.toFile(), e);
        return out;
    }

    @Test
    void experiment_isAttested_besideTheScorecardAndInTheStore_andATamperedEnvelopeFails() throws Exception {
        Path cfg = config("");
        Path out = dir.resolve("out");
        Cli run = Cli.run("audit", "--config", cfg.toString(), "--chaos", "--unleash", "--seed", "3", "--out", out.toString());
        assertThat(run.exit()).as(run.err()).isEqualTo(0);
        Path envelope = attestation(out);
        assertThat(envelope.getFileName().toString()).matches("web-\\d+\\.dsse\\.json");
        JsonNode card = Json.mapper().readTree(out.resolve("scorecard.json").toFile());
        String runId = card.get("runId").asText();
        Path store = dir.resolve(".phoenix");
        assertThat(store.resolve("runs/" + runId + "/attestations/" + envelope.getFileName())).hasSameBinaryContentAs(envelope);
        Path pub = store.resolve("keys/attestation.pub");
        assertThat(Files.readString(store.resolve("keys/attestation.key"))).startsWith("-----BEGIN PRIVATE KEY-----");
        try (Stream<Path> files = Files.walk(out)) {
            assertThat(files.filter(Files::isRegularFile).map(AttestationTest::read)).noneMatch(s -> s.contains("PRIVATE KEY"));
        }
        JsonNode statement = Json.mapper().readTree(Base64.getDecoder().decode(Json.mapper().readTree(envelope.toFile()).get("payload").asText()));
        assertThat(statement.get("_type").asText()).isEqualTo("https://in-toto.io/Statement/v1");
        assertThat(statement.at("/predicate/verdict").asText()).isEqualTo("REPRODUCED");
        assertThat(statement.at("/predicate/runId").asText()).isEqualTo(runId);
        assertThat(statement.at("/predicate/victim/fingerprint").asText()).hasSize(64);
        assertThat(statement.at("/predicate/replacement/fingerprint").asText()).isEqualTo(statement.at("/predicate/victim/fingerprint").asText());
        assertThat(statement.at("/predicate/guardrails/minHealthy").asText()).isEqualTo("50%");
        assertThat(statement.at("/subject/0/name").asText()).isEqualTo(card.at("/members/0/provenance").asText());

        Cli ok = Cli.run("attest", "verify", envelope.toString(), "--key", pub.toString());
        assertThat(ok.exit()).as(ok.err()).isEqualTo(0);
        assertThat(ok.out()).startsWith("verified: ").contains("REPRODUCED web ");
        Path bad = tampered(envelope);
        Cli refused = Cli.run("attest", "verify", bad.toString(), "--key", pub.toString());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("NOT VERIFIED: no signature of the envelope verifies with the given key");

        Path python = python();
        assertThat(exec(python, envelope.toString(), pub.toString())).startsWith("0 verified https://in-toto.io/Statement/v1 REPRODUCED ");
        assertThat(exec(python, bad.toString(), pub.toString())).startsWith("1 not verified");
    }

    @Test
    void keyFromAFile_madeByAnotherImplementation_signs_andOnlyItsPublicKeyVerifies() throws Exception {
        Path python = python();
        Path key = dir.resolve("signing.pem");
        assertThat(exec(python, "--keygen", key.toString())).startsWith("0");
        Path cfg = config(", attestation-key: signing.pem");
        Path out = dir.resolve("out");
        Cli run = Cli.run("audit", "--config", cfg.toString(), "--chaos", "--unleash", "--seed", "4", "--out", out.toString());
        assertThat(run.exit()).as(run.err()).isEqualTo(0);
        Path envelope = attestation(out);
        assertThat(dir.resolve(".phoenix/keys")).doesNotExist();
        assertThat(exec(python, envelope.toString(), key + ".pub")).startsWith("0 verified ");
        Cli ok = Cli.run("attest", "verify", envelope.toString(), "--key", key + ".pub");
        assertThat(ok.exit()).as(ok.err()).isEqualTo(0);
        // another key: refused
        Path other = dir.resolve("other.pem");
        exec(python, "--keygen", other.toString());
        assertThat(Cli.run("attest", "verify", envelope.toString(), "--key", other + ".pub").exit()).isEqualTo(1);
        assertThat(exec(python, envelope.toString(), other + ".pub")).startsWith("1 not verified");
        // not a key, not an envelope: usage errors naming the file
        Cli notKey = Cli.run("attest", "verify", envelope.toString(), "--key", cfg.toString());
        assertThat(notKey.exit()).isEqualTo(2);
        assertThat(notKey.err()).startsWith("phoenix: --key " + cfg + ": not an Ed25519 public key");
        Cli notEnvelope = Cli.run("attest", "verify", cfg.toString(), "--key", key + ".pub");
        assertThat(notEnvelope.exit()).isEqualTo(2);
        assertThat(notEnvelope.err()).startsWith("phoenix: " + cfg + ": not a DSSE envelope");
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A Python with {@code cryptography}: {@code PHOENIX_TEST_ATTEST_PYTHON} (set by .ci/setup.d/70-attest-verifier.sh),
     * else the venv {@code /tmp/phoenix-attest-venv}. Without one the test skips, and fails under CI=true.
     */
    private static Path python() throws Exception {
        String configured = System.getenv("PHOENIX_TEST_ATTEST_PYTHON");
        Path python = Path.of(configured != null && !configured.isBlank() ? configured : "/tmp/phoenix-attest-venv/bin/python");
        boolean usable = Files.isExecutable(python) && run(List.of(python.toString(), "-c", "import cryptography")).startsWith("0");
        String why = "no Python with the cryptography package at " + python
                + " (python3 -m venv /tmp/phoenix-attest-venv && /tmp/phoenix-attest-venv/bin/pip install cryptography)";
        if (!usable && "true".equals(System.getenv("CI"))) {
            throw new AssertionError(why + "; CI=true needs it");
        }
        Assumptions.assumeTrue(usable, why);
        return python;
    }

    private Path script() throws IOException {
        Path script = dir.resolve("dsse_verify.py");
        if (!Files.exists(script)) {
            try (InputStream in = AttestationTest.class.getResourceAsStream("/dev/phoenix/attest/dsse_verify.py")) {
                Files.write(script, in.readAllBytes());
            }
        }
        return script;
    }

    /** Runs the independent verifier: its exit code, a space, and its output. */
    private String exec(Path python, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(python.toString(), script().toString()));
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    private static String run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + cmd);
        }
        return p.exitValue() + " " + output.trim();
    }
}
