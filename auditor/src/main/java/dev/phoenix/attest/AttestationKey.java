package dev.phoenix.attest;

import dev.phoenix.store.ObjectStore;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The Ed25519 key pair attestations are signed with: from files ({@code chaos.attestation-key}: a
 * PKCS#8 PEM private key, with its public key as PEM in {@code <file>.pub}), or generated once into
 * the store: {@code keys/attestation.key} (the private key, written nowhere else) beside
 * {@code keys/attestation.pub}. The key id is the SHA-256 of the public key's DER encoding.
 *
 * <pre>{@code
 * AttestationKey.open(objects, Optional.empty()).onSuccess(key -> key.keyId());   // generated on first use
 * PublicKey pub = AttestationKey.readPublic(Path.of(".phoenix/keys/attestation.pub"));
 * }</pre>
 */
public record AttestationKey(PrivateKey privateKey, PublicKey publicKey, String keyId) {

    public static final String PUBLIC_KEY = "keys/attestation.pub";
    public static final String PRIVATE_KEY = "keys/attestation.key";

    /** The configured key, or the store's, generated on first use (two processes racing keep the first one written). */
    public static Future<AttestationKey> open(ObjectStore objects, Optional<Path> file) {
        if (file.isPresent()) {
            try {
                Path f = file.get();
                return Future.succeededFuture(of(readPrivate(Files.readString(f), f.toString()),
                        readPublic(Path.of(f + ".pub"))));
            } catch (Exception e) {
                return Future.failedFuture(new IllegalStateException("attestation key " + file.get() + ": " + e.getMessage(), e));
            }
        }
        return objects.get(PRIVATE_KEY).compose(found -> {
            if (found.isPresent()) {
                return fromStore(objects, found.get());
            }
            KeyPair pair;
            try {
                pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            } catch (GeneralSecurityException e) {
                return Future.failedFuture(e);
            }
            byte[] priv = pem("PRIVATE KEY", pair.getPrivate().getEncoded());
            return objects.putIf(PRIVATE_KEY, priv, null).compose(won -> !won
                    ? objects.get(PRIVATE_KEY).compose(again -> fromStore(objects, again.orElseThrow()))
                    : objects.put(PUBLIC_KEY, pem("PUBLIC KEY", pair.getPublic().getEncoded()))
                    .compose(v -> {
                        try {
                            return Future.succeededFuture(of(pair.getPrivate(), pair.getPublic()));
                        } catch (GeneralSecurityException e) {
                            return Future.failedFuture(e);
                        }
                    }));
        });
    }

    private static Future<AttestationKey> fromStore(ObjectStore objects, byte[] priv) {
        return objects.get(PUBLIC_KEY).compose(pub -> {
            try {
                if (pub.isEmpty()) {
                    throw new GeneralSecurityException(objects.describe() + "/" + PUBLIC_KEY + " is missing beside " + PRIVATE_KEY);
                }
                return Future.succeededFuture(of(readPrivate(new String(priv, StandardCharsets.US_ASCII), PRIVATE_KEY),
                        decodePublic(new String(pub.get(), StandardCharsets.US_ASCII), PUBLIC_KEY)));
            } catch (GeneralSecurityException e) {
                return Future.failedFuture(e);
            }
        });
    }

    static AttestationKey of(PrivateKey priv, PublicKey pub) throws GeneralSecurityException {
        return new AttestationKey(priv, pub, keyId(pub));
    }

    /** SHA-256 of the public key's DER (SubjectPublicKeyInfo) encoding, in hex. */
    public static String keyId(PublicKey pub) throws GeneralSecurityException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pub.getEncoded()));
    }

    /** A PEM public key ({@code -----BEGIN PUBLIC KEY-----}, Ed25519). */
    public static PublicKey readPublic(Path file) throws java.io.IOException, GeneralSecurityException {
        return decodePublic(Files.readString(file), file.toString());
    }

    static PublicKey decodePublic(String pem, String where) throws GeneralSecurityException {
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der(pem, "PUBLIC KEY", where)));
    }

    static PrivateKey readPrivate(String pem, String where) throws GeneralSecurityException {
        return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der(pem, "PRIVATE KEY", where)));
    }

    private static byte[] der(String pem, String label, String where) throws GeneralSecurityException {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int b = pem.indexOf(begin);
        int e = pem.indexOf(end);
        if (b < 0 || e < b) {
            throw new GeneralSecurityException(where + ": expected a PEM block " + begin);
        }
        try {
            return Base64.getMimeDecoder().decode(pem.substring(b + begin.length(), e));
        } catch (IllegalArgumentException bad) {
            throw new GeneralSecurityException(where + ": the PEM block is not base64");
        }
    }

    static byte[] pem(String label, byte[] der) {
        return ("-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n").getBytes(StandardCharsets.US_ASCII);
    }
}
