package dev.phoenix.ssh;

import dev.phoenix.probe.UrlTemplate;
import dev.phoenix.ssh.collect.Collector;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The parsed settings of one ssh probe.
 *
 * @param name          the probe's name ({@code ssh:<name>} in reports)
 * @param collectors    what is collected, in order
 * @param host          where to connect, from the member's attributes ({@code {privateIp}}); empty: the member's {@code ssh.host}
 * @param port          the port, a number or a template; empty: the member's {@code ssh.port}, ~/.ssh/config, 22
 * @param user          the login user (a template); empty: the member's {@code ssh.user}, ~/.ssh/config, {@code USER}
 * @param identities    private key files (relative to the config, {@code ~} is {@code HOME})
 * @param certificate   an OpenSSH user certificate for one of the identities
 * @param agent         whether to use ssh-agent: empty means when {@code SSH_AUTH_SOCK} is set
 * @param knownHosts    known_hosts files read besides {@code ~/.ssh/known_hosts}
 * @param hostKeyMode   strict or accept-new
 * @param sshConfig     the OpenSSH client config honoured; empty: none
 * @param home          the home directory ({@code HOME} of the context's environment), if any
 * @param timeout       per command
 * @param hostTimeout   per host: connecting and every command together
 * @param connectTimeout connecting, key exchange and authentication
 * @param maxOutput     bytes one command may print before it is cut
 * @param channels      commands run at once on one host's connection
 * @param hostsInFlight hosts probed at once by the ssh probes of this context
 */
record SshOptions(String name, List<Collector> collectors, Optional<UrlTemplate> host, Optional<String> port, Optional<String> user,
                  List<Path> identities, Optional<Path> certificate, Optional<Boolean> agent, List<Path> knownHosts,
                  HostKeyMode hostKeyMode, Optional<Path> sshConfig, Optional<Path> home, Duration timeout, Duration hostTimeout,
                  Duration connectTimeout, int maxOutput, int channels, int hostsInFlight) {

    SshOptions {
        collectors = List.copyOf(collectors);
        identities = List.copyOf(identities);
        knownHosts = List.copyOf(knownHosts);
    }
}
