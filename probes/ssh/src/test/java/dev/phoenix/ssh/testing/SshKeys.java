package dev.phoenix.ssh.testing;

import dev.phoenix.testing.Requirements;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Key pairs made by OpenSSH's own ssh-keygen for tests: user keys, host keys, a user CA and the
 * certificates it signs.
 *
 * <pre>{@code
 * SshKeys.Pair user = SshKeys.generate(dir, "audit", "ed25519");
 * Files.readString(user.publicKey());     // "ssh-ed25519 AAAA... audit"
 * }</pre>
 */
public final class SshKeys {

    private SshKeys() {
    }

    /** A private key file and its {@code .pub}. */
    public record Pair(Path privateKey, Path publicKey) {

        public String publicLine() {
            try {
                return Files.readString(publicKey, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The private key as base64, as the test image's PHOENIX_HOST_KEY takes it. */
        public String base64() {
            try {
                return Base64.getEncoder().encodeToString(Files.readAllBytes(privateKey));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** {@code type base64}, without the comment. */
        public String typeAndKey() {
            String[] f = publicLine().split(" ");
            return f[0] + " " + f[1];
        }
    }

    public static Pair generate(Path dir, String name, String type) {
        Path key = dir.resolve(name);
        run("ssh-keygen", "-q", "-t", type, "-N", "", "-C", name, "-f", key.toString());
        return new Pair(key, dir.resolve(name + ".pub"));
    }

    /** Signs {@code user}'s public key with {@code ca} for principal {@code principal}; returns the certificate file. */
    public static Path certify(Pair ca, Pair user, String principal) {
        run("ssh-keygen", "-q", "-s", ca.privateKey().toString(), "-I", "phoenix-test", "-n", principal, "-V", "-5m:+1h",
                user.publicKey().toString());
        String pub = user.publicKey().toString();
        return Path.of(pub.substring(0, pub.length() - ".pub".length()) + "-cert.pub");
    }

    static void run(String... command) {
        Requirements.executable("/usr/bin/ssh-keygen", "/bin/ssh-keygen");
        try {
            Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", new ArrayList<>(List.of(command))) + " failed: " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
