package dev.phoenix.attest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * Dead Simple Signing Envelope (DSSE v1) with Ed25519, the JDK's own EdDSA: the signature covers
 * the pre-authentication encoding {@code "DSSEv1" SP len(type) SP type SP len(body) SP body}, so
 * neither the payload nor its type can be changed without breaking it.
 *
 * <pre>{@code
 * Dsse.Envelope e = Dsse.sign(Dsse.IN_TOTO, statementBytes, key.privateKey(), key.keyId());
 * byte[] statement = Dsse.verify(e, key.publicKey());   // throws GeneralSecurityException when tampered
 * }</pre>
 */
public final class Dsse {

    /** The payload type of an in-toto Statement. */
    public static final String IN_TOTO = "application/vnd.in-toto+json";

    private Dsse() {
    }

    /** A DSSE envelope as JSON has it: the payload base64-encoded. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Envelope(String payloadType, String payload, List<Sig> signatures) {
        public Envelope {
            signatures = signatures == null ? List.of() : List.copyOf(signatures);
        }
    }

    /** One signature: base64 of the Ed25519 signature over the PAE, and the id of the key that made it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Sig(String keyid, String sig) {
    }

    /** The pre-authentication encoding the signature covers. */
    public static byte[] pae(String payloadType, byte[] body) {
        byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("DSSEv1 " + type.length + " " + payloadType + " " + body.length + " ").getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + body.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(body, 0, out, head.length, body.length);
        return out;
    }

    public static Envelope sign(String payloadType, byte[] body, PrivateKey key, String keyId) throws GeneralSecurityException {
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(key);
        s.update(pae(payloadType, body));
        return new Envelope(payloadType, Base64.getEncoder().encodeToString(body),
                List.of(new Sig(keyId, Base64.getEncoder().encodeToString(s.sign()))));
    }

    /**
     * The payload of an envelope that one of its signatures verifies with {@code key}.
     *
     * @throws GeneralSecurityException naming what is wrong: no signature, not base64, or no signature verifies
     */
    public static byte[] verify(Envelope e, PublicKey key) throws GeneralSecurityException {
        Objects.requireNonNull(e, "envelope");
        if (e.payloadType() == null || e.payload() == null) {
            throw new GeneralSecurityException("not a DSSE envelope: payloadType and payload are required");
        }
        if (e.signatures().isEmpty()) {
            throw new GeneralSecurityException("the envelope carries no signature");
        }
        byte[] body;
        try {
            body = Base64.getDecoder().decode(e.payload());
        } catch (IllegalArgumentException bad) {
            throw new GeneralSecurityException("payload is not base64: " + bad.getMessage());
        }
        byte[] pae = pae(e.payloadType(), body);
        for (Sig sig : e.signatures()) {
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(sig.sig() == null ? "" : sig.sig());
            } catch (IllegalArgumentException bad) {
                continue;
            }
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(pae);
            if (s.verify(raw)) {
                return body;
            }
        }
        throw new GeneralSecurityException("no signature of the envelope verifies with the given key");
    }
}
