package dev.phoenix.ssh;

import dev.phoenix.probe.Probe;
import dev.phoenix.probe.ProbeFactory;
import dev.phoenix.probe.ProbeSpec;
import dev.phoenix.probe.UrlTemplate;
import dev.phoenix.spi.ProviderContext;
import dev.phoenix.spi.Settings;
import dev.phoenix.ssh.collect.Collectors;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code ssh}: logs in to each member over SSH, agentless, and runs the built-in collectors (and
 * one's own commands) over one connection per host.
 *
 * <pre>{@code
 * probes:
 *   - {ssh: {collectors: [os, packages, {files: [/etc/app.conf]}, {services: [nginx]}]}}
 *   - {ssh: {name: aws, host: "{privateIp}", user: ec2-user, identity: keys/fleet.pem, host-key: accept-new,
 *            collectors: [os, {command: {name: app-version, run: "app --version", stdout: text}}]}}
 * }</pre>
 *
 * Host keys are checked against {@code ~/.ssh/known_hosts} (and {@code known-hosts}) before anything
 * is sent; with {@code host-key: accept-new} a host seen for the first time has its key recorded in
 * Phoenix's store ({@code ssh/known_hosts}) and a changed key fails the probe. Passwords are never
 * read: keys come from files, from a certificate, or from ssh-agent ({@code SSH_AUTH_SOCK}).
 * {@code ~} and {@code ~/.ssh/config} are those of {@code HOME} in Phoenix's environment.
 */
public final class SshProbeFactory implements ProbeFactory {

    static final List<String> KEYS = List.of("name", "collectors", "host", "port", "user", "identity", "certificate", "agent",
            "known-hosts", "host-key", "ssh-config", "timeout", "host-timeout", "connect-timeout", "max-output", "channels",
            "hosts-in-flight");

    @Override
    public String name() {
        return "ssh";
    }

    @Override
    public List<String> keys() {
        return KEYS;
    }

    @Override
    public Probe create(ProbeSpec spec, ProviderContext ctx) {
        Settings s = spec.settings().requireKeys(KEYS);
        String name = s.string("name", "ssh");
        if (!name.matches("[A-Za-z0-9_-]+")) {
            throw s.child("name").error("must be letters, digits, '-' or '_', found '" + name + "'");
        }
        Optional<Path> home = Optional.ofNullable(ctx.env().get("HOME")).filter(h -> !h.isBlank()).map(Path::of);
        HostKeyMode mode = switch (s.string("host-key", "strict").toLowerCase(Locale.ROOT)) {
            case "strict", "yes" -> HostKeyMode.STRICT;
            case "accept-new" -> HostKeyMode.ACCEPT_NEW;
            default -> throw s.child("host-key").error("expected strict or accept-new, found '" + s.string("host-key") + "'");
        };
        if (mode == HostKeyMode.ACCEPT_NEW && spec.store() == null) {
            throw s.child("host-key").error("accept-new records first-seen host keys in Phoenix's store, and there is none here");
        }
        Optional<Path> sshConfig;
        String configSetting = s.string("ssh-config", "~/.ssh/config");
        sshConfig = configSetting.equals("none") ? Optional.empty() : path(configSetting, spec, home, s.child("ssh-config"));
        List<Path> identities = new ArrayList<>();
        for (String id : s.strings("identity")) {
            path(id, spec, home, s.child("identity")).ifPresent(identities::add);
        }
        List<Path> known = new ArrayList<>();
        for (String k : s.strings("known-hosts")) {
            path(k, spec, home, s.child("known-hosts")).ifPresent(known::add);
        }
        Optional<Path> certificate = s.optionalString("certificate").flatMap(c -> path(c, spec, home, s.child("certificate")));
        Optional<String> port = s.optionalString("port");
        port.ifPresent(p -> {
            if (!p.matches("\\d{1,5}") && UrlTemplate.parse(p).names().isEmpty()) {
                throw s.child("port").error("expected a port number or a template such as \"{tag:ssh-port}\", found '" + p + "'");
            }
        });
        Duration timeout = positive(s, "timeout", Duration.ofSeconds(30));
        Duration connectTimeout = positive(s, "connect-timeout", Duration.ofSeconds(30));
        Duration hostTimeout = positive(s, "host-timeout", Duration.ofMinutes(2));
        SshOptions options = new SshOptions(name, Collectors.parse(s.child("collectors")),
                s.optionalString("host").map(UrlTemplate::parse), port, s.optionalString("user"), identities, certificate,
                s.has("agent") ? Optional.of(s.bool("agent", false)) : Optional.empty(), known, mode, sshConfig, home, timeout,
                hostTimeout, connectTimeout, s.integer("max-output", 4 << 20, 1, 256 << 20), s.integer("channels", 4, 1, 10),
                s.integer("hosts-in-flight", 32, 1, 4096));
        return new SshProbe(options, spec.store(), ctx);
    }

    private static Duration positive(Settings s, String key, Duration fallback) {
        Duration d = s.duration(key, fallback);
        if (d.isZero() || d.isNegative()) {
            throw s.child(key).error("must be positive");
        }
        return d;
    }

    /** A path of the settings: {@code ~/} is HOME (empty without one), relative paths are the config file's. */
    static Optional<Path> path(String value, ProbeSpec spec, Optional<Path> home, Settings where) {
        if (value.isBlank()) {
            throw where.error("must not be empty");
        }
        if (value.equals("~") || value.startsWith("~/")) {
            return home.map(h -> value.equals("~") ? h : h.resolve(value.substring(2)));
        }
        return Optional.of(spec.baseDir().resolve(value).normalize());
    }
}
