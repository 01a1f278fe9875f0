package dev.phoenix.simulated;

import dev.phoenix.model.Fingerprint;
import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * An "image" of the simulated fleet: everything a fresh member built from it serves, derived
 * only from the image's name and version, so that every member of one image starts identical
 * and a replacement matches the image, never the member it replaced.
 *
 * @param name    image name, e.g. {@code web}
 * @param version image version, e.g. {@code 1.4.2}
 */
public record SimulatedImage(String name, String version) {

    public SimulatedImage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
    }

    /** {@code name:version}; what baselines are tied to. */
    public String provenance() {
        return name + ":" + version;
    }

    /** The state a fresh member of this image serves (without the {@code member} section). */
    public JsonObject state() {
        JsonObject config = new JsonObject()
                .put("listen", "0.0.0.0:8080")
                .put("workers", 4)
                .put("maxConnections", 512)
                .put("logLevel", "info")
                .put("tls", new JsonObject().put("minVersion", "1.2").put("ciphers", "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384"))
                .put("featureFlags", new JsonObject().put("newCheckout", false).put("asyncExport", true));
        JsonObject files = new JsonObject()
                .put("/etc/" + name + "/app.conf", digest("app.conf"))
                .put("/etc/ssl/openssl.cnf", digest("openssl.cnf"))
                .put("/etc/sudoers", digest("sudoers"))
                .put("/usr/local/bin/" + name, digest("binary"));
        JsonObject packages = new JsonObject()
                .put("openssl", "3.0.15-1~deb12u1")
                .put("libc6", "2.36-9+deb12u9")
                .put("ca-certificates", "20230311")
                .put(name, version);
        return new JsonObject()
                .put("image", new JsonObject().put("name", name).put("version", version))
                .put("config", config)
                .put("files", files)
                .put("packages", packages);
    }

    private String digest(String file) {
        return Fingerprint.sha256Hex(name + ":" + version + ":" + file);
    }
}
