package dev.phoenix.ssh;

import dev.phoenix.spi.Errors;
import io.vertx.core.Promise;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.agent.SshAgent;
import org.apache.sshd.agent.SshAgentFactory;
import org.apache.sshd.agent.SshAgentServer;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.HostConfigEntry;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.FactoryManager;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionContext;

/**
 * One attempt at opening an authenticated session: the keys, the host-key checks (of the target
 * and of every ProxyJump hop) and the step reached, carried in the connection's context so that
 * the client-wide verifier, key provider and agent factory of {@link SshSessions} act for this
 * connection alone.
 */
final class SshAttempt {

    static final AttributeRepository.AttributeKey<SshAttempt> KEY = new AttributeRepository.AttributeKey<>();

    private final SshConnection connection;
    private final List<KeyPair> keys;
    private final HostKeyCheck target;
    private final Map<String, HostKeyCheck> hops;
    private volatile String step;
    private volatile ConnectFuture connecting;
    private volatile ClientSession session;
    private volatile boolean abandoned;

    private SshAttempt(SshConnection connection, List<KeyPair> keys, HostKeyCheck target, Map<String, HostKeyCheck> hops) {
        this.connection = connection;
        this.keys = keys;
        this.target = target;
        this.hops = hops;
        this.step = "TCP connection to " + connection.host() + ":" + connection.port();
    }

    /** Reads the keys and known_hosts files (blocking: on the worker pool). */
    static SshAttempt prepare(SshConnection c, Map<String, String> recorded) throws IOException {
        List<KeyPair> keys = Identities.load(c.identities(), c.certificate());
        List<KnownHostEntry> entries = new ArrayList<>();
        for (Path file : c.hostKeys().knownHosts()) {
            if (Files.isRegularFile(file)) {
                entries.addAll(KnownHostEntry.readKnownHostEntries(file));
            }
        }
        HostKeyMode mode = c.hostKeys().mode();
        HostKeyCheck target = new HostKeyCheck(c.label(), HostKeyCheck.knownName(c.host(), c.port()), c.host(), c.port(),
                entries, mode, recorded);
        Map<String, HostKeyCheck> hops = new LinkedHashMap<>();
        for (String hop : c.proxyJump().isEmpty() ? new String[0] : c.proxyJump().split(",")) {
            String h = hop.strip().replaceFirst("^ssh://", "").replaceFirst("^[^@]*@", "");
            int port = 22;
            int colon = h.lastIndexOf(':');
            if (colon > 0 && h.substring(colon + 1).matches("\\d+")) {
                port = Integer.parseInt(h.substring(colon + 1));
                h = h.substring(0, colon);
            }
            String name = HostKeyCheck.knownName(h, port);
            hops.put(name, new HostKeyCheck("jump host " + h, name, h, port, entries, mode, recorded));
        }
        return new SshAttempt(c, keys, target, hops);
    }

    static SshAttempt of(SessionContext session) {
        if (session instanceof ClientSession cs && cs.getConnectionContext() != null) {
            SshAttempt a = cs.getConnectionContext().getAttribute(KEY);
            if (a != null) {
                return a;
            }
        }
        throw new IllegalStateException("an SSH session without a Phoenix connection attempt");
    }

    SshConnection connection() {
        return connection;
    }

    ClientSession session() {
        return session;
    }

    String step() {
        return step;
    }

    Iterable<KeyPair> keys() {
        return keys;
    }

    boolean verify(ClientSession s, PublicKey key) {
        SocketAddress a = s.getConnectAddress();
        if (a instanceof InetSocketAddress isa) {
            HostKeyCheck hop = hops.get(HostKeyCheck.knownName(isa.getHostString(), isa.getPort()));
            if (hop != null) {
                return hop.verify(key);
            }
        }
        return target.verify(key);
    }

    /** Keys accepted because their host was seen for the first time, by known_hosts name. */
    Map<String, PublicKey> firstSeen() {
        Map<String, PublicKey> out = new LinkedHashMap<>();
        for (HostKeyCheck c : allChecks()) {
            if (c.firstSeen() != null) {
                out.put(c.knownName(), c.firstSeen());
            }
        }
        return out;
    }

    private List<HostKeyCheck> allChecks() {
        List<HostKeyCheck> all = new ArrayList<>(hops.values());
        all.add(target);
        return all;
    }

    /** Starts connecting (MINA resolves the name here: on the worker pool); {@code done} completes once authenticated. */
    void start(SshClient client, AtomicInteger opened, Promise<SshAttempt> done) throws IOException {
        HostConfigEntry entry = new HostConfigEntry(connection.host(), connection.host(), connection.port(), connection.user(),
                connection.proxyJump().isEmpty() ? null : connection.proxyJump());
        ConnectFuture f = client.connect(entry, AttributeRepository.ofKeyValuePair(KEY, this), null);
        connecting = f;
        f.addListener(cf -> {
            if (!cf.isConnected()) {
                done.tryFail(failure("cannot connect to " + connection.host() + ":" + connection.port(), cf.getException()));
                return;
            }
            opened.incrementAndGet();
            ClientSession s = cf.getClientSession();
            session = s;
            if (abandoned) {
                s.close(true);
                return;
            }
            step = "SSH answer (key exchange and authentication) from " + connection.address();
            try {
                s.auth().addListener(af -> {
                    if (af.isSuccess()) {
                        done.tryComplete(this);
                    } else {
                        s.close(true);
                        done.tryFail(failure("authentication as " + connection.address() + " failed", af.getException()));
                    }
                });
            } catch (IOException | RuntimeException e) {
                s.close(true);
                done.tryFail(failure("authentication as " + connection.address() + " failed", e));
            }
        });
    }

    /** Gives up: cancels the connect, closes the session. */
    void abandon() {
        abandoned = true;
        ConnectFuture f = connecting;
        if (f != null) {
            f.cancel();
        }
        ClientSession s = session;
        if (s != null) {
            s.close(true);
        }
    }

    /** The failure to report: a host-key refusal wins, then a refused login, then what MINA said. */
    SshFailure failure(String what, Throwable cause) {
        for (HostKeyCheck c : allChecks()) {
            if (c.refusal() != null) {
                return new SshFailure(c.refusal());
            }
        }
        String message = cause == null ? "" : Errors.message(Errors.root(cause));
        if (message.contains("No more authentication methods")) {
            return new SshFailure("authentication refused: " + connection.address() + " accepted none of "
                    + credentials() + "; nothing was probed");
        }
        if (cause instanceof Identities.IdentityException ie) {
            return new SshFailure(ie.getMessage());
        }
        return new SshFailure(what + (message.isEmpty() ? "" : ": " + message));
    }

    private String credentials() {
        List<String> out = new ArrayList<>();
        if (!connection.identities().isEmpty()) {
            out.add("the keys in " + connection.identities());
        }
        connection.certificate().ifPresent(p -> out.add("the certificate " + p));
        connection.agent().ifPresent(p -> out.add("the keys of ssh-agent at " + p));
        return out.isEmpty() ? "no credentials (set identity, or run ssh-agent)" : String.join(", ", out);
    }

    /** A connection that could not be made, in one line naming the host and the step. */
    static final class SshFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SshFailure(String message) {
            super(message, null, false, false);
        }
    }

    /** Hands each session the agent its connection names, if any; Phoenix never forwards the agent. */
    static final class AgentFactory implements SshAgentFactory {
        @Override
        public List<ChannelFactory> getChannelForwardingFactories(FactoryManager manager) {
            return List.of();
        }

        @Override
        public SshAgent createClient(Session session, FactoryManager manager) {
            return session == null ? null : of(session).connection.agent().map(AgentClient::new).orElse(null);
        }

        @Override
        public SshAgentServer createServer(ConnectionService service) throws IOException {
            throw new IOException("Phoenix never forwards ssh-agent");
        }
    }
}
