package dev.phoenix.ssh;

import dev.phoenix.model.Member;
import dev.phoenix.probe.UrlTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where and how to log in to one member: the member's own {@code ssh.*} attributes (an inventory's
 * {@code ansible_host}, {@code ansible_user}, ...) win over the probe's settings, which win over
 * ~/.ssh/config, which wins over the defaults (port 22, {@code USER}, ~/.ssh/id_ed25519, id_ecdsa
 * and id_rsa when no key and no agent is given). Reads the config file once (blocking: call it on
 * the worker pool).
 */
final class ConnectionResolver {

    /** Member attributes a source sets for this probe. */
    static final String HOST = "ssh.host";
    static final String PORT = "ssh.port";
    static final String USER = "ssh.user";
    static final String IDENTITY = "ssh.identity";

    private final SshOptions options;
    private final Map<String, String> env;
    private volatile SshConfigFile config;

    ConnectionResolver(SshOptions options, Map<String, String> env) {
        this.options = options;
        this.env = env;
    }

    SshConnection resolve(Member member) throws IOException {
        String alias = options.host().map(t -> t.expand(member)).orElseGet(() -> member.attribute(HOST));
        if (alias == null || alias.isBlank()) {
            throw new IllegalArgumentException("member " + member.name() + " has no " + HOST
                    + " attribute (an ssh or ansible source sets it; elsewhere set host, e.g. host: \"{privateIp}\")");
        }
        SshConfigFile.Entry entry = config().resolve(alias);
        String host = entry.hostName() != null ? entry.hostName() : alias;
        int port = port(member, entry);
        String user = first(member.attribute(USER), options.user().map(u -> UrlTemplate.parse(u).expand(member)).orElse(null),
                entry.user(), env.get("USER"), "root");
        List<Path> identities = new ArrayList<>();
        Optional.ofNullable(member.attribute(IDENTITY)).filter(s -> !s.isBlank()).map(this::memberPath).ifPresent(identities::add);
        identities.addAll(options.identities());
        identities.addAll(entry.identities());
        Optional<Path> agent = agent();
        if (identities.isEmpty() && agent.isEmpty() && options.home().isPresent()) {
            for (String name : List.of("id_ed25519", "id_ecdsa", "id_rsa")) {
                Path p = options.home().get().resolve(".ssh").resolve(name);
                if (Files.isReadable(p)) {
                    identities.add(p);
                }
            }
        }
        List<Path> known = new ArrayList<>();
        options.home().ifPresent(h -> known.add(h.resolve(".ssh/known_hosts")));
        known.addAll(options.knownHosts());
        return new SshConnection(member.name(), host, port, user, identities.stream().distinct().toList(), options.certificate(), agent,
                entry.proxyJump(), new SshConnection.HostKeys(known, options.hostKeyMode()), options.connectTimeout());
    }

    private int port(Member member, SshConfigFile.Entry entry) {
        String text = first(member.attribute(PORT), options.port().map(p -> UrlTemplate.parse(p).expand(member)).orElse(null),
                entry.port() == null ? null : String.valueOf(entry.port()), "22");
        if (!text.matches("\\d{1,5}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > 65535) {
            throw new IllegalArgumentException("member " + member.name() + ": '" + text + "' is not a port");
        }
        return Integer.parseInt(text);
    }

    private Optional<Path> agent() {
        String socket = env.get("SSH_AUTH_SOCK");
        boolean wanted = options.agent().orElse(socket != null && !socket.isBlank());
        return wanted && socket != null && !socket.isBlank() ? Optional.of(Path.of(socket)) : Optional.empty();
    }

    private Path memberPath(String p) {
        if ((p.equals("~") || p.startsWith("~/")) && options.home().isPresent()) {
            return p.equals("~") ? options.home().get() : options.home().get().resolve(p.substring(2));
        }
        return Path.of(p);
    }

    private SshConfigFile config() throws IOException {
        SshConfigFile c = config;
        if (c == null) {
            c = SshConfigFile.read(options.sshConfig().orElse(null), options.home().orElse(Path.of("/")));
            config = c;
        }
        return c;
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
