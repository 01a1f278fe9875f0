package dev.phoenix.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.phoenix.spi.ProviderContext;
import dev.phoenix.spi.Shared;
import io.vertx.core.Future;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Docker clients of one Vert.x instance, one per engine address, shared by every docker
 * fleet and probe and reference-counted: a fleet holds a lease from creation to
 * {@link dev.phoenix.fleet.Fleet#close()}, a probe takes one for the length of a call, and the
 * client is closed when the last lease is released.
 *
 * <pre>{@code
 * DockerEngines engines = DockerEngines.of(ctx);
 * engines.use("unix:///var/run/docker.sock", engine -> engine.call("list containers",
 *         c -> c.listContainersCmd().exec()));
 * }</pre>
 *
 * <p>Kept in the context's shared clients ({@link ProviderContext#shared()}), so that it lives
 * exactly as long as the context built in {@code main}, not as a static singleton; clients still
 * leased when those close are closed then.
 */
public final class DockerEngines implements Shared.Resource {

    private static final Logger LOG = LoggerFactory.getLogger(DockerEngines.class);

    /** Where the engine is when neither the config nor {@code DOCKER_HOST} says. */
    public static final String DEFAULT_HOST = "unix:///var/run/docker.sock";

    private final ProviderContext ctx;
    private final Map<String, Entry> entries = new HashMap<>();

    private DockerEngines(ProviderContext ctx) {
        this.ctx = ctx;
    }

    private static final class Entry {
        final DockerEngine engine;
        int leases;

        Entry(DockerEngine engine) {
            this.engine = engine;
        }
    }

    /** The engines of {@code ctx}. */
    public static DockerEngines of(ProviderContext ctx) {
        return ctx.shared().get(DockerEngines.class, () -> new DockerEngines(ctx));
    }

    /**
     * A lease on the engine at {@code host}; {@link Lease#release()} it when done. Creating a
     * client does no I/O: a missing engine shows on the first call.
     *
     * @throws IllegalArgumentException when {@code host} is not a valid Docker host URI
     */
    public synchronized Lease lease(String host) {
        Entry entry = entries.get(host);
        if (entry == null) {
            entry = new Entry(new DockerEngine(host, client(host), ctx));
            entries.put(host, entry);
        }
        entry.leases++;
        return new Lease(this, host, entry.engine);
    }

    /** Runs {@code work} with a lease on the engine at {@code host}, released when its future completes. */
    public <T> Future<T> use(String host, Function<DockerEngine, Future<T>> work) {
        Lease lease;
        try {
            lease = lease(host);
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(e);
        }
        Future<T> f;
        try {
            f = work.apply(lease.engine());
        } catch (RuntimeException e) {
            f = Future.failedFuture(e);
        }
        return f.andThen(ar -> lease.release());
    }

    private synchronized void release(String host) {
        Entry entry = entries.get(host);
        if (entry == null || --entry.leases > 0) {
            return;
        }
        entries.remove(host);
        DockerClient client = entry.engine.client();
        ctx.blocking().executeBlocking(() -> {
            client.close();
            return null;
        }, false).onFailure(e -> LOG.debug("closing the Docker client for {}: {}", host, e.getMessage()));
    }

    @Override
    public Future<Void> close() {
        java.util.List<DockerClient> clients;
        synchronized (this) {
            clients = entries.values().stream().map(e -> e.engine.client()).toList();
            entries.clear();
        }
        if (clients.isEmpty()) {
            return Future.succeededFuture();
        }
        return ctx.blocking().executeBlocking(() -> {
            for (DockerClient client : clients) {
                client.close();
            }
            return null;
        }, false).mapEmpty();
    }

    @Override
    public String toString() {
        return "the Docker engine clients";
    }

    /** Clients currently open; for tests. */
    synchronized int open() {
        return entries.size();
    }

    private static DockerClient client(String host) {
        URI uri;
        try {
            uri = URI.create(host);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a Docker host URI: '" + host + "' (expected unix:///path or tcp://host:port)");
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("unix") || uri.getScheme().equals("tcp")
                || uri.getScheme().equals("npipe"))) {
            throw new IllegalArgumentException("not a Docker host URI: '" + host + "' (expected unix:///path or tcp://host:port)");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw new IllegalArgumentException("port must be between 1 and 65535, found " + uri.getPort() + " in '" + host + "'");
        }
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(host)
                .build();
        ZerodepDockerHttpClient http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(ProviderContext.BLOCKING_POOL_SIZE * 2)
                .connectionTimeout(Duration.ofSeconds(5))
                .responseTimeout(Duration.ofMinutes(2))
                .build();
        return DockerClientImpl.getInstance(config, http);
    }

    /** One lease on an engine; release it exactly once. */
    public static final class Lease {
        private final DockerEngines owner;
        private final String host;
        private final DockerEngine engine;
        private boolean released;

        private Lease(DockerEngines owner, String host, DockerEngine engine) {
            this.owner = owner;
            this.host = host;
            this.engine = engine;
        }

        public DockerEngine engine() {
            return engine;
        }

        public void release() {
            synchronized (this) {
                if (released) {
                    return;
                }
                released = true;
            }
            owner.release(host);
        }
    }
}
