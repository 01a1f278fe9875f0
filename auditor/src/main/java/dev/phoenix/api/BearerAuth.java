package dev.phoenix.api;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Refuses requests without the token: {@code Authorization: Bearer <token>}, or HTTP Basic with
 * the token as password so that a browser can open the dashboard. Tokens are compared as
 * SHA-256 digests with {@link MessageDigest#isEqual}, in constant time and without revealing
 * their length.
 */
final class BearerAuth implements Handler<RoutingContext> {

    private final byte[] expected;

    BearerAuth(String token) {
        this.expected = sha256(token);
    }

    @Override
    public void handle(RoutingContext rc) {
        String header = rc.request().getHeader("Authorization");
        if (header != null && matches(header)) {
            rc.next();
            return;
        }
        boolean page = rc.request().path().equals("/");
        rc.response().setStatusCode(401)
                .putHeader("WWW-Authenticate", page ? "Basic realm=\"phoenix\", charset=\"UTF-8\"" : "Bearer realm=\"phoenix\"")
                .putHeader("Content-Type", "application/json")
                .end("{\"error\":\"missing or wrong token: send Authorization: Bearer <token>\"}");
    }

    private boolean matches(String header) {
        String presented = null;
        if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            presented = header.substring(7).trim();
        } else if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                presented = colon < 0 ? null : decoded.substring(colon + 1);
            } catch (IllegalArgumentException e) {
                presented = null;
            }
        }
        return presented != null && MessageDigest.isEqual(expected, sha256(presented));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
