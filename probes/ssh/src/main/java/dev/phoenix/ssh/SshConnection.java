package dev.phoenix.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything needed to open one SSH connection, resolved from the member, the probe's settings
 * and ~/.ssh/config; connections with equal keys ({@link #key()}) are one session.
 *
 * @param label       the member's name, for messages
 * @param host        the address connected to (HostName)
 * @param port        the TCP port
 * @param user        the login user
 * @param identities  private key files, tried in order
 * @param certificate an OpenSSH user certificate for one of the identities
 * @param agent       the ssh-agent socket, when the agent is used
 * @param proxyJump   OpenSSH's ProxyJump ({@code [user@]host[:port]}, comma-separated), or empty
 * @param hostKeys    how the host key is checked
 * @param timeout     how long connecting, the key exchange and authentication may take together
 */
public record SshConnection(String label, String host, int port, String user, List<Path> identities, Optional<Path> certificate,
                            Optional<Path> agent, String proxyJump, HostKeys hostKeys, Duration timeout) {

    public SshConnection {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        identities = List.copyOf(identities);
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(agent, "agent");
        proxyJump = proxyJump == null ? "" : proxyJump;
        Objects.requireNonNull(hostKeys, "hostKeys");
        Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * How host keys are checked: the known_hosts files read (missing ones are empty) and the mode.
     *
     * @param knownHosts known_hosts files, in order
     * @param mode       strict, or accept-new (first-seen keys recorded in Phoenix's store)
     */
    public record HostKeys(List<Path> knownHosts, HostKeyMode mode) {
        public HostKeys {
            knownHosts = List.copyOf(knownHosts);
            Objects.requireNonNull(mode, "mode");
        }
    }

    /** What makes two connections the same session: where, as whom, with which credentials and checks. */
    public String key() {
        return user + "@" + host + ":" + port + "|" + identities + "|" + certificate.map(Path::toString).orElse("") + "|"
                + agent.map(Path::toString).orElse("") + "|" + proxyJump + "|" + hostKeys;
    }

    /** {@code user@host:port}, for messages. */
    public String address() {
        return user + "@" + host + ":" + port;
    }
}
