package dev.phoenix.chaos;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Stops new terminations at once, from any of three places: a file that exists, an environment
 * variable set to anything but empty, {@code 0} or {@code false}, or an API call
 * ({@link #engage}). Checked before every experiment.
 */
public final class KillSwitch {

    /** First line of a file {@link #engage} wrote: only such a file is removed by {@link #release}. */
    static final String MARKER = "# written by phoenix (POST /api/chaos/stop); DELETE /api/chaos/stop or deleting this file "
            + "allows chaos again\n";

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
     * A file that already exists (created by hand, or by an earlier call) is left as it is. The
     * future fails when the file could not be written; the switch is engaged all the same.
     */
    public Future<Void> engage(String reason) {
        engaged.compareAndSet(null, reason);
        if (file.isEmpty()) {
            return Future.succeededFuture();
        }
        byte[] content = (MARKER + "chaos stopped: " + reason + "\n").getBytes(StandardCharsets.UTF_8);
        return vertx.executeBlocking(() -> {
            Path path = Path.of(file).toAbsolutePath();
            Files.createDirectories(path.getParent());
            try {
                Files.write(path, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException e) {
                // already stopped by a file; never overwrite one an operator wrote
            }
            return null;
        }, false);
    }

    /**
     * Releases what {@link #engage} set: the in-process switch, and the file if {@code engage} wrote
     * it (in this process or an earlier one). A file created any other way stays: the operator who
     * made it removes it. An environment variable still holds until the process is restarted
     * without it.
     *
     * @return why a file still stops chaos, or empty
     */
    public Future<Optional<String>> release() {
        engaged.set(null);
        if (file.isEmpty()) {
            return Future.succeededFuture(Optional.empty());
        }
        return vertx.executeBlocking(() -> {
            Path path = Path.of(file);
            byte[] content;
            try {
                content = Files.readAllBytes(path);
            } catch (NoSuchFileException e) {
                return Optional.<String>empty();
            }
            if (new String(content, StandardCharsets.UTF_8).startsWith(MARKER)) {
                Files.deleteIfExists(path);
                return Optional.<String>empty();
            }
            return Optional.of("file " + file + " was not written by POST /api/chaos/stop; it stops chaos until removed by hand");
        }, false);
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
            Path path = Path.of(file);
            if (Files.exists(path)) {
                return Optional.of("file " + file + " exists");
            }
            if (Files.notExists(path)) {
                return Optional.<String>empty();
            }
            throw new java.io.IOException("cannot tell whether the kill switch file " + file + " exists");
        }, false);
    }
}
