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

    /** Engages the switch for the life of this process (the API's {@code POST /api/chaos/stop}). */
    public void engage(String reason) {
        engaged.compareAndSet(null, reason);
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
        return vertx.fileSystem().exists(file).map(exists -> exists ? Optional.of("file " + file + " exists") : Optional.<String>empty());
    }
}
