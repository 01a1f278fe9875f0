package dev.phoenix.ssh;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.sshd.agent.SshAgent;
import org.apache.sshd.agent.SshAgentKeyConstraint;
import org.apache.sshd.common.session.SessionContext;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

/**
 * A client of a running ssh-agent over its Unix socket ({@code SSH_AUTH_SOCK}), speaking the two
 * requests authentication needs (list identities, sign) with Java's own Unix-domain sockets, so
 * that no native library is needed. The private keys never leave the agent. Called by MINA on its
 * own threads during authentication.
 *
 * <pre>{@code
 * try (AgentClient agent = new AgentClient(Path.of(env.get("SSH_AUTH_SOCK")))) {
 *     agent.getIdentities().forEach(id -> LOG.info("{}", id.getValue()));
 * }
 * }</pre>
 */
final class AgentClient implements SshAgent {

    private static final byte REQUEST_IDENTITIES = 11;
    private static final byte IDENTITIES_ANSWER = 12;
    private static final byte SIGN_REQUEST = 13;
    private static final byte SIGN_RESPONSE = 14;
    private static final int RSA_SHA2_256 = 2;
    private static final int RSA_SHA2_512 = 4;

    private final Path socket;
    private SocketChannel channel;

    AgentClient(Path socket) {
        this.socket = socket;
    }

    @Override
    public synchronized Iterable<? extends Map.Entry<PublicKey, String>> getIdentities() throws IOException {
        Buffer reply = request(new byte[] {REQUEST_IDENTITIES});
        if (reply.getByte() != IDENTITIES_ANSWER) {
            throw new IOException("ssh-agent at " + socket + " refused to list identities");
        }
        int n = reply.getInt();
        List<Map.Entry<PublicKey, String>> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] blob = reply.getBytes();
            String comment = reply.getString();
            try {
                out.add(new AbstractMap.SimpleImmutableEntry<>(new ByteArrayBuffer(blob).getRawPublicKey(), comment));
            } catch (IOException | RuntimeException e) {
                // a key type this client cannot use; the agent's other keys are still tried
            }
        }
        return out;
    }

    @Override
    public synchronized Map.Entry<String, byte[]> sign(SessionContext session, PublicKey key, String algo, byte[] data)
            throws IOException {
        ByteArrayBuffer req = new ByteArrayBuffer();
        req.putByte(SIGN_REQUEST);
        ByteArrayBuffer keyBlob = new ByteArrayBuffer();
        keyBlob.putRawPublicKey(key);
        req.putBytes(keyBlob.getCompactData());
        req.putBytes(data);
        int flags = "rsa-sha2-512".equals(algo) ? RSA_SHA2_512 : "rsa-sha2-256".equals(algo) ? RSA_SHA2_256 : 0;
        req.putInt(flags);
        Buffer reply = request(req.getCompactData());
        if (reply.getByte() != SIGN_RESPONSE) {
            throw new IOException("ssh-agent at " + socket + " refused to sign");
        }
        Buffer signature = new ByteArrayBuffer(reply.getBytes());
        String used = signature.getString();
        return new AbstractMap.SimpleImmutableEntry<>(used, signature.getBytes());
    }

    private Buffer request(byte[] payload) throws IOException {
        if (channel == null) {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
        }
        ByteBuffer out = ByteBuffer.allocate(4 + payload.length);
        out.putInt(payload.length).put(payload).flip();
        while (out.hasRemaining()) {
            channel.write(out);
        }
        ByteBuffer len = read(4);
        int n = len.getInt();
        if (n <= 0 || n > 256 * 1024) {
            throw new IOException("ssh-agent at " + socket + " sent a malformed reply");
        }
        return new ByteArrayBuffer(read(n).array());
    }

    private ByteBuffer read(int n) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(n);
        while (buf.hasRemaining()) {
            if (channel.read(buf) < 0) {
                throw new IOException("ssh-agent at " + socket + " closed the connection");
            }
        }
        return buf.flip();
    }

    @Override
    public void addIdentity(KeyPair key, String comment, SshAgentKeyConstraint... constraints) throws IOException {
        throw new IOException("Phoenix never adds keys to ssh-agent");
    }

    @Override
    public void removeIdentity(PublicKey key) throws IOException {
        throw new IOException("Phoenix never removes keys from ssh-agent");
    }

    @Override
    public void removeAllIdentities() throws IOException {
        throw new IOException("Phoenix never removes keys from ssh-agent");
    }

    @Override
    public synchronized boolean isOpen() {
        return channel == null || channel.isOpen();
    }

    @Override
    public synchronized void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }

    @Override
    public String toString() {
        return "ssh-agent at " + socket;
    }
}
