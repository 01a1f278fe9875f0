package dev.phoenix.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * Private key files (OpenSSH or PEM, without a passphrase: a protected key belongs in ssh-agent)
 * and the OpenSSH user certificate signed for one of them. Blocking file I/O: called on the
 * worker pool.
 *
 * <pre>{@code
 * List<KeyPair> keys = Identities.load(List.of(home.resolve(".ssh/id_ed25519")), Optional.empty());
 * }</pre>
 */
final class Identities {

    private Identities() {
    }

    /** A key or certificate file that cannot be used; the message names it. */
    static final class IdentityException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        IdentityException(String message) {
            super(message, null, false, false);
        }
    }

    static List<KeyPair> load(List<Path> files, Optional<Path> certificate) {
        List<KeyPair> keys = new ArrayList<>();
        for (Path file : files) {
            keys.addAll(read(file));
        }
        if (certificate.isEmpty()) {
            return keys;
        }
        OpenSshCertificate cert = certificate(certificate.get());
        for (KeyPair kp : keys) {
            if (org.apache.sshd.common.config.keys.KeyUtils.compareKeys(kp.getPublic(), cert.getCertPubKey())) {
                List<KeyPair> out = new ArrayList<>();
                out.add(new KeyPair(cert, kp.getPrivate()));
                out.addAll(keys);
                return out;
            }
        }
        throw new IdentityException("certificate " + certificate.get() + " was not issued for any of the identities " + files);
    }

    private static List<KeyPair> read(Path file) {
        if (!Files.isReadable(file)) {
            throw new IdentityException("identity file " + file + " does not exist or cannot be read");
        }
        try (InputStream in = Files.newInputStream(file)) {
            List<KeyPair> out = new ArrayList<>();
            Iterable<KeyPair> pairs = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(file.toString()), in,
                    (session, resource, index) -> {
                        throw new IOException("it is protected by a passphrase; Phoenix never reads passwords from its "
                                + "config: load the key into ssh-agent instead (SSH_AUTH_SOCK)");
                    });
            if (pairs != null) {
                pairs.forEach(out::add);
            }
            if (out.isEmpty()) {
                throw new IdentityException("identity file " + file + " holds no private key");
            }
            return out;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            if (e instanceof IdentityException ie) {
                throw ie;
            }
            throw new IdentityException("cannot read identity file " + file + ": " + dev.phoenix.spi.Errors.message(e));
        }
    }

    private static OpenSshCertificate certificate(Path file) {
        try {
            String line = Files.readString(file, StandardCharsets.UTF_8).strip();
            PublicKey key = PublicKeyEntry.parsePublicKeyEntry(line).resolvePublicKey(null, java.util.Map.of(), PublicKeyEntryResolver.FAILING);
            if (key instanceof OpenSshCertificate cert) {
                return cert;
            }
            throw new IdentityException("certificate file " + file + " holds a plain public key, not an OpenSSH certificate");
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IdentityException("cannot read certificate file " + file + ": " + dev.phoenix.spi.Errors.message(e));
        }
    }

    static FilePasswordProvider noPasswords() {
        return FilePasswordProvider.EMPTY;
    }
}
