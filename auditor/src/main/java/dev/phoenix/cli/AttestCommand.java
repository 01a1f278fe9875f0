package dev.phoenix.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.phoenix.attest.AttestationKey;
import dev.phoenix.attest.Attestations;
import dev.phoenix.attest.Dsse;
import dev.phoenix.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code phoenix attest}: signed attestations of chaos experiments. */
@Command(name = "attest", mixinStandardHelpOptions = true, description = "Signed attestations of chaos experiments.",
        subcommands = {AttestCommand.Verify.class})
final class AttestCommand implements Callable<Integer> {

    @ParentCommand
    PhoenixCommand parent;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(parent.app.err);
        return ExitCode.USAGE;
    }

    /** Writes a run's attestations into {@code <dir>/attestations/}, beside its scorecard. */
    static List<Path> writeBeside(Path dir, Map<String, byte[]> attestations) throws IOException {
        List<Path> out = new ArrayList<>();
        if (attestations.isEmpty()) {
            return out;
        }
        Path into = Files.createDirectories(dir.resolve("attestations"));
        for (Map.Entry<String, byte[]> e : attestations.entrySet()) {
            out.add(Files.write(into.resolve(e.getKey()), e.getValue()));
        }
        return out;
    }

    /** {@code phoenix attest verify FILE --key PUB}. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Check an experiment's signed attestation (a DSSE envelope holding an in-toto Statement).",
                    "Exit 0 when a signature verifies with the key, 1 when none does (tampered, or another key), "
                            + "2 when the file or the key cannot be read."})
    static final class Verify implements Callable<Integer> {

        @ParentCommand
        AttestCommand attest;

        @Parameters(index = "0", paramLabel = "FILE", description = "An attestations/<victim>.dsse.json written by Phoenix.")
        Path file;

        @Option(names = "--key", required = true, paramLabel = "PUB",
                description = "The Ed25519 public key (PEM), e.g. <store>/keys/attestation.pub.")
        Path key;

        @Override
        public Integer call() {
            App app = attest.parent.app;
            PublicKey pub;
            try {
                pub = AttestationKey.readPublic(key);
            } catch (NoSuchFileException e) {
                app.err.println("phoenix: --key " + key + ": no such file");
                return ExitCode.USAGE;
            } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
                app.err.println("phoenix: --key " + key + ": not an Ed25519 public key (" + e.getMessage() + ")");
                return ExitCode.USAGE;
            }
            Dsse.Envelope envelope;
            try {
                envelope = Json.mapper().readValue(Files.readAllBytes(file), Dsse.Envelope.class);
            } catch (NoSuchFileException e) {
                app.err.println("phoenix: " + file + ": no such file");
                return ExitCode.USAGE;
            } catch (IOException e) {
                app.err.println("phoenix: " + file + ": not a DSSE envelope (" + e.getMessage().lines().findFirst().orElse("") + ")");
                return ExitCode.USAGE;
            }
            byte[] statement;
            try {
                statement = Dsse.verify(envelope, pub);
            } catch (GeneralSecurityException e) {
                app.err.println("phoenix: " + file + ": NOT VERIFIED: " + e.getMessage());
                return ExitCode.FINDINGS;
            }
            try {
                JsonNode s = Json.mapper().readTree(statement);
                JsonNode p = s.path("predicate");
                if (!Dsse.IN_TOTO.equals(envelope.payloadType()) || !Attestations.STATEMENT_TYPE.equals(s.path("_type").asText())) {
                    app.err.println("phoenix: " + file + ": the signature verifies, but the payload is not an in-toto Statement v1");
                    return ExitCode.FINDINGS;
                }
                app.out.println("verified: " + file + " is signed by key " + AttestationKey.keyId(pub));
                JsonNode subject = s.path("subject").path(0);
                app.out.println("  subject:     " + subject.path("name").asText() + " (sha256 " + subject.path("digest").path("sha256").asText()
                        + ")");
                app.out.println("  predicate:   " + s.path("predicateType").asText());
                app.out.println("  experiment:  " + p.path("verdict").asText() + " " + p.path("group").asText() + " "
                        + p.path("victim").path("id").asText() + " -> " + p.path("replacement").path("id").asText("-")
                        + " in run " + p.path("runId").asText());
                return ExitCode.OK;
            } catch (IOException | GeneralSecurityException e) {
                app.err.println("phoenix: " + file + ": the signature verifies, but the payload is not JSON (" + e.getMessage() + ")");
                return ExitCode.FINDINGS;
            }
        }
    }
}
