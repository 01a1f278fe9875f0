package dev.phoenix.chaos;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Stops new terminations at once, from any of three places: a file that exists, an environment
 * variable set to anything but empty, {@code 0} or {@code false}, or an API call
 * ({@link #engage}). Checked before every experiment.
 */
public final class KillSwitch {

    private final Vertx vertx;
    private final String file;
    private final String envName;
    private final Map<String, String> env;
    private final AtomicReference<String> engaged = new AtomicReference<>();

    public KillSwitch(Vertx vertx, String file, String envName, Map<String, String> env) {
        this.vertx = vertx;
        this.file = file == null ? "" : file;
        this.envName = envName == null ? "" : envName;
        this.env = Map.copyOf(env);
    }

    /**
     * Engages the switch (the API's {@code POST /api/chaos/stop}): at once for this process, and,
     * when a file is configured, by creating that file too, so that it still holds after a restart.
     * The future fails when the file could not be written; the switch is engaged all the same.
     */
    public Future<Void> engage(String reason) {
        engaged.compareAndSet(null, reason);
        if (file.isEmpty()) {
            return Future.succeededFuture();
        }
        String parent = java.nio.file.Path.of(file).toAbsolutePath().getParent().toString();
        return vertx.fileSystem().mkdirs(parent)
                .compose(v -> vertx.fileSystem().writeFile(file, io.vertx.core.buffer.Buffer.buffer(
                        "chaos stopped: " + reason + "\n(delete this file to allow chaos again)\n")));
    }

    /**
     * Releases what {@link #engage} set: the in-process switch and the file. An environment
     * variable still holds until the process is restarted without it.
     */
    public Future<Void> release() {
        engaged.set(null);
        if (file.isEmpty()) {
            return Future.succeededFuture();
        }
        return vertx.fileSystem().exists(file).compose(exists -> exists ? vertx.fileSystem().delete(file) : Future.succeededFuture());
    }

    /** The file that stops chaos while it exists, or empty when none is configured. */
    public String file() {
        return file;
    }

    /** Why the switch is engaged, or empty. */
    public Future<Optional<String>> check() {
        String api = engaged.get();
        if (api != null) {
            return Future.succeededFuture(Optional.of(api));
        }
        String value = envName.isEmpty() ? null : env.get(envName);
        if (value != null && !value.isBlank() && !value.equals("0") && !value.equalsIgnoreCase("false")) {
            return Future.succeededFuture(Optional.of("environment variable " + envName + " is set"));
        }
        if (file.isEmpty()) {
            return Future.succeededFuture(Optional.empty());
        }
        // Fail closed: only a file known not to exist lets chaos go on. Files.exists alone answers
        // false when existence cannot be determined (permissions, a broken mount).
        return vertx.executeBlocking(() -> {
            java.nio.file.Path path = java.nio.file.Path.of(file);
            if (java.nio.file.Files.exists(path)) {
                return Optional.of("file " + file + " exists");
            }
            if (java.nio.file.Files.notExists(path)) {
                return Optional.<String>empty();
            }
            throw new java.io.IOException("cannot tell whether the kill switch file " + file + " exists");
        }, false);
    }
}
