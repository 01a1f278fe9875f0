package dev.phoenix.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import dev.phoenix.spi.Errors;
import dev.phoenix.spi.ProviderContext;
import io.vertx.core.Future;
import java.io.IOException;
import java.net.SocketException;
import java.util.concurrent.TimeoutException;

/**
 * One Docker engine: its address and its (blocking) client. Every call runs on the context's
 * worker pool ({@code phoenix-blocking}), never on an event loop, and fails with a
 * {@link DockerCallException} that names the call, the engine and the root cause in one line.
 *
 * <pre>{@code
 * engine.call("inspect " + id, c -> c.inspectContainerCmd(id).exec())
 *       .onSuccess(info -> LOG.info("{} runs {}", id, info.getConfig().getImage()));
 * }</pre>
 */
public final class DockerEngine {

    /** A blocking piece of work against the client. */
    @FunctionalInterface
    public interface Call<T> {
        T apply(DockerClient client) throws Exception;
    }

    private final String host;
    private final DockerClient client;
    private final ProviderContext ctx;

    DockerEngine(String host, DockerClient client, ProviderContext ctx) {
        this.host = host;
        this.client = client;
        this.ctx = ctx;
    }

    /** The engine's address, e.g. {@code unix:///var/run/docker.sock}. */
    public String host() {
        return host;
    }

    DockerClient client() {
        return client;
    }

    /** Runs {@code call} on the worker pool; {@code what} names it in errors ({@code "inspect web-1"}). */
    public <T> Future<T> call(String what, Call<T> call) {
        return ctx.blocking().<T>executeBlocking(() -> {
            try {
                return call.apply(client);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DockerCallException(what + " on " + host + ": interrupted", false, e);
            } catch (DockerCallException e) {
                throw e;
            } catch (Exception e) {
                throw translate(what, e);
            }
        }, false);
    }

    private DockerCallException translate(String what, Exception e) {
        if (e instanceof DockerException de) {
            // The engine answered with an error status: it is reachable.
            return new DockerCallException(what + " on " + host + ": " + apiMessage(de), false, de, de.getHttpStatus());
        }
        boolean connection = isConnectionFailure(e);
        String reason = rootMessage(e);
        if (connection) {
            return new DockerCallException("cannot reach the Docker engine at " + host + " (" + what + "): " + reason, true, e);
        }
        return new DockerCallException(what + " on " + host + ": " + reason, false, e);
    }

    private static boolean isConnectionFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SocketException || t instanceof java.net.ConnectException
                    || t instanceof java.nio.file.NoSuchFileException || t instanceof java.net.UnknownHostException
                    || t instanceof java.net.SocketTimeoutException && t.getMessage() != null && t.getMessage().contains("connect")) {
                return true;
            }
            if (t instanceof IOException io && io.getMessage() != null) {
                String m = io.getMessage().toLowerCase(java.util.Locale.ROOT);
                if (m.contains("no such file") || m.contains("connection refused") || m.contains("permission denied")
                        || m.contains("connect")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The engine's own message, e.g. {@code No such container: abc}, without the status line noise. */
    static String apiMessage(DockerException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        int brace = m.indexOf("{\"message\":\"");
        if (brace >= 0) {
            String rest = m.substring(brace + 12);
            int end = rest.indexOf("\"}");
            m = end >= 0 ? rest.substring(0, end) : rest;
        } else if (m.startsWith("Status ")) {
            int colon = m.indexOf(':');
            m = colon >= 0 ? m.substring(colon + 1).trim() : m;
        }
        return Errors.firstLine(m.isBlank() ? "HTTP " + e.getHttpStatus() : m.replace("\\\"", "\""));
    }

    static String rootMessage(Throwable e) {
        Throwable root = Errors.root(e);
        String m = root.getMessage();
        if (root instanceof TimeoutException || root instanceof java.net.SocketTimeoutException) {
            return "no answer in time" + (m == null ? "" : " (" + Errors.firstLine(m) + ")");
        }
        return m == null || m.isBlank() ? root.getClass().getSimpleName() : Errors.firstLine(m);
    }

    /** A failed Docker call, in one line; {@link #unreachable()} when the engine could not be reached at all. */
    public static class DockerCallException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final boolean unreachable;
        private final int status;

        DockerCallException(String message, boolean unreachable, Throwable cause) {
            this(message, unreachable, cause, 0);
        }

        DockerCallException(String message, boolean unreachable, Throwable cause, int status) {
            super(message, cause);
            this.unreachable = unreachable;
            this.status = status;
        }

        /** True when the engine did not answer at all (no socket, connection refused). */
        public boolean unreachable() {
            return unreachable;
        }

        /** The engine's HTTP status (404 no such container, 409 not running, ...), 0 when it did not answer. */
        public int status() {
            return status;
        }
    }
}
