package dev.phoenix.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.client.config.hosts.HostConfigEntry;

/**
 * The entries of an OpenSSH client config ({@code ~/.ssh/config}) that apply to one host, merged
 * the way OpenSSH does (the first value found wins): HostName, Port, User, IdentityFile and
 * ProxyJump. {@code ~} in IdentityFile is the home directory Phoenix was given (env {@code HOME}),
 * never the JVM's, so that tests never read the real ~/.ssh. Blocking file I/O.
 *
 * <pre>{@code
 * SshConfigFile.Entry e = SshConfigFile.read(home.resolve(".ssh/config"), home).resolve("db-1");
 * e.hostName();   // "10.0.3.7" from "Host db-1 / HostName 10.0.3.7", or null
 * }</pre>
 */
final class SshConfigFile {

    private final List<HostConfigEntry> entries;
    private final Path home;

    private SshConfigFile(List<HostConfigEntry> entries, Path home) {
        this.entries = entries;
        this.home = home;
    }

    /** What the config says about one host; null fields are not set. */
    record Entry(String hostName, Integer port, String user, List<Path> identities, String proxyJump) {
    }

    static SshConfigFile read(Path file, Path home) throws IOException {
        if (file == null || !Files.isRegularFile(file)) {
            return new SshConfigFile(List.of(), home);
        }
        return new SshConfigFile(HostConfigEntry.readHostConfigEntries(file), home);
    }

    Entry resolve(String host) {
        String hostName = null;
        Integer port = null;
        String user = null;
        String jump = null;
        List<Path> identities = new ArrayList<>();
        for (HostConfigEntry e : HostConfigEntry.findMatchingEntries(host, entries)) {
            if (hostName == null && e.getHostName() != null && !e.getHostName().isBlank()) {
                hostName = e.getHostName().replace("%h", host);
            }
            if (port == null && e.getPort() > 0) {
                port = e.getPort();
            }
            if (user == null && e.getUsername() != null && !e.getUsername().isBlank()) {
                user = e.getUsername();
            }
            if (jump == null && e.getProxyJump() != null && !e.getProxyJump().isBlank() && !e.getProxyJump().equals("none")) {
                jump = e.getProxyJump();
            }
            if (e.getIdentities() != null) {
                for (String id : e.getIdentities()) {
                    identities.add(expand(id, host));
                }
            }
        }
        return new Entry(hostName, port, user, List.copyOf(identities), jump);
    }

    private Path expand(String id, String host) {
        String s = id.replace("%h", host).replace("%d", home.toString());
        if (s.equals("~")) {
            return home;
        }
        if (s.startsWith("~/")) {
            return home.resolve(s.substring(2));
        }
        return Path.of(s);
    }
}
