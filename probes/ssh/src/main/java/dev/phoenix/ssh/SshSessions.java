package dev.phoenix.ssh;

import dev.phoenix.spi.ProviderContext;
import dev.phoenix.spi.Shared;
import dev.phoenix.store.ObjectStore;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.client.ClientBuilder;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.core.CoreModuleProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SSH sessions of one context: one MINA client, and one authenticated connection per host
 * (per {@link SshConnection#key()}), opened on first use and reused by every command of every ssh
 * probe until the context's shared clients close ({@link ProviderContext#shared()}). A session the
 * host closed, or that stayed idle past {@link #IDLE}, is opened again on the next use.
 *
 * <pre>{@code
 * SshSessions.of(ctx).session(connection, store)
 *     .compose(session -> RemoteCommand.run(vertxContext, session, "uname -r", Duration.ofSeconds(30), 1 << 20));
 * }</pre>
 *
 * <p>Nothing here reads the JVM user's ~/.ssh: MINA's defaults (its config-file resolver, default
 * identities, accept-all host keys) are all replaced by what {@link SshConnection} names.
 */
public final class SshSessions implements Shared.Resource {

    private static final Logger LOG = LoggerFactory.getLogger(SshSessions.class);

    /** How long an unused session is kept open. */
    static final Duration IDLE = Duration.ofMinutes(5);

    private final ProviderContext ctx;
    private Future<SshClient> client;
    private final Map<String, Future<ClientSession>> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger opened = new AtomicInteger();

    private SshSessions(ProviderContext ctx) {
        this.ctx = ctx;
    }

    /**
     * The MINA client, built and started once on the worker pool: loading its classes and
     * registering Bouncy Castle take seconds, which the event loop must not spend.
     */
    private synchronized Future<SshClient> client() {
        if (client == null) {
            client = ctx.blocking().executeBlocking(SshSessions::newClient, false);
        }
        return client;
    }

    private static SshClient newClient() {
        SshClient client = ClientBuilder.builder()
                .serverKeyVerifier((session, remote, key) -> SshAttempt.of(session).verify(session, key))
                .hostConfigEntryResolver(HostConfigEntryResolver.EMPTY)
                .filePasswordProvider(FilePasswordProvider.EMPTY)
                .build();
        client.setKeyIdentityProvider(session -> SshAttempt.of(session).keys());
        client.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
        client.setAgentFactory(new SshAttempt.AgentFactory());
        CoreModuleProperties.IDLE_TIMEOUT.set(client, IDLE);
        client.start();
        return client;
    }

    /** The sessions of {@code ctx}. */
    public static SshSessions of(ProviderContext ctx) {
        return ctx.shared().get(SshSessions.class, () -> new SshSessions(ctx));
    }

    /**
     * The authenticated session for {@code c}, opened when there is none (or it closed); fails with a
     * message naming the host and the step that failed (connect, host key, authentication, deadline).
     *
     * @param store Phoenix's store, where first-seen host keys are recorded under accept-new; may be null otherwise
     */
    public Future<ClientSession> session(SshConnection c, ObjectStore store) {
        String key = c.key();
        synchronized (sessions) {
            Future<ClientSession> existing = sessions.get(key);
            if (existing != null && (!existing.isComplete() || existing.succeeded() && existing.result().isOpen())) {
                return existing;
            }
            Future<ClientSession> opening = open(c, store);
            sessions.put(key, opening);
            opening.onFailure(e -> sessions.remove(key, opening));
            return opening;
        }
    }

    /** SSH connections opened so far (successful or not past TCP): one per host in an audit. */
    public int opened() {
        return opened.get();
    }

    private Future<ClientSession> open(SshConnection c, ObjectStore store) {
        Context context = ctx.vertx().getOrCreateContext();
        KnownHostsStore known = c.hostKeys().mode() == HostKeyMode.ACCEPT_NEW ? new KnownHostsStore(store) : null;
        Future<Map<String, String>> recorded = known == null ? Future.succeededFuture(Map.of()) : known.read();
        return recorded
                .compose(keys -> ctx.blocking().executeBlocking(() -> SshAttempt.prepare(c, keys), false))
                .compose(attempt -> client().compose(mina -> connect(context, mina, attempt)))
                .compose(attempt -> {
                    ClientSession session = attempt.session();
                    if (attempt.firstSeen().isEmpty()) {
                        return Future.succeededFuture(session);
                    }
                    List<Future<Void>> writes = new ArrayList<>();
                    attempt.firstSeen().forEach((name, hostKey) -> writes.add(known.record(name, hostKey)));
                    return Future.all(writes).map(session).onFailure(e -> session.close(true));
                });
    }

    /** Connects and authenticates with MINA's futures, cut at the connection's deadline. */
    private Future<SshAttempt> connect(Context context, SshClient mina, SshAttempt attempt) {
        Promise<SshAttempt> promise = Promise.promise();
        long timeoutMs = Math.max(1, attempt.connection().timeout().toMillis());
        long timer = ctx.vertx().setTimer(timeoutMs, id -> {
            String step = attempt.step();
            attempt.abandon();
            promise.tryFail(attempt.failure("no " + step + " within " + timeoutMs + " ms", null));
        });
        Promise<SshAttempt> done = Promise.promise();
        done.future().onComplete(ar -> context.runOnContext(v -> {
            ctx.vertx().cancelTimer(timer);
            if (ar.succeeded()) {
                if (!promise.tryComplete(ar.result())) {
                    ar.result().abandon();
                }
            } else {
                promise.tryFail(ar.cause());
            }
        }));
        ctx.blocking().executeBlocking(() -> {
            attempt.start(mina, opened, done);
            return null;
        }, false).onFailure(e -> done.tryFail(attempt.failure("cannot connect", e)));
        return promise.future();
    }

    @Override
    public Future<Void> close() {
        List<Future<ClientSession>> open;
        synchronized (sessions) {
            open = new ArrayList<>(sessions.values());
            sessions.clear();
        }
        for (Future<ClientSession> f : open) {
            if (f.succeeded()) {
                f.result().close(true);
            }
        }
        Future<SshClient> started;
        synchronized (this) {
            started = client;
        }
        if (started == null) {
            return Future.succeededFuture();
        }
        return started.compose(mina -> ctx.blocking().executeBlocking(() -> {
            mina.stop();
            return null;
        }, false)).onFailure(e -> LOG.debug("stopping the SSH client: {}", e.getMessage())).mapEmpty();
    }

    @Override
    public String toString() {
        return "the SSH sessions";
    }
}
