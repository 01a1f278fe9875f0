package dev.phoenix.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phoenix.model.Fact;
import dev.phoenix.model.Member;
import dev.phoenix.model.Observation;
import dev.phoenix.probe.Probe;
import dev.phoenix.probe.ProbeSpec;
import dev.phoenix.model.ChaosOptIn;
import dev.phoenix.spi.ProviderContext;
import dev.phoenix.spi.Sections;
import dev.phoenix.spi.Settings;
import dev.phoenix.ssh.testing.SshHosts;
import dev.phoenix.ssh.testing.SshKeys;
import dev.phoenix.store.LocalObjectStore;
import dev.phoenix.store.ObjectStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ssh probe against real OpenSSH servers on loopback, each a container with its own file system and dpkg database. */
class SshProbeTest {

    @TempDir
    static Path keys;

    @TempDir
    Path home;

    private static SshHosts hosts;
    private static SshHosts.Host a;
    private static SshHosts.Host b;
    private Vertx vertx;
    private ProviderContext ctx;

    @BeforeAll
    static void startHosts() {
        hosts = SshHosts.create(keys);
        a = hosts.start("a");
        b = hosts.start("b");
    }

    @AfterAll
    static void stopHosts() {
        if (hosts != null) {
            hosts.close();
        }
    }

    @BeforeEach
    void context() throws Exception {
        vertx = Vertx.vertx();
        Files.createDirectories(home.resolve(".ssh"));
        Files.writeString(home.resolve(".ssh/known_hosts"), a.knownHostsLine() + "\n" + b.knownHostsLine() + "\n");
        ctx = ProviderContext.create(vertx, Clock.systemUTC(), 1L, Map.of("HOME", home.toString()));
    }

    @AfterEach
    void close() throws Exception {
        ctx.shared().close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private Probe probe(Map<String, Object> settings, ObjectStore store) {
        return new SshProbeFactory().create(new ProbeSpec("g", Settings.of("probes[0].ssh", settings), ChaosOptIn.defaults(),
                Sections.none(), home, store), ctx);
    }

    private Probe probe(Map<String, Object> settings) {
        return probe(settings, null);
    }

    private static Member member(String name, int port, Path identity) {
        return new InventoryHost(name, "127.0.0.1", port, "audit", identity == null ? null : identity.toString(), null, Map.of())
                .member("g", "ssh", Optional.empty());
    }

    private static Member member(SshHosts.Host h) {
        return member(h.name(), h.port(), hosts.user().privateKey());
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(90, TimeUnit.SECONDS);
    }

    private static Map<String, String> facts(Observation o) {
        assertThat(o.succeeded()).as(String.valueOf(o.error())).isTrue();
        return o.facts().stream().filter(f -> !f.identity()).collect(Collectors.toMap(Fact::key, Fact::value));
    }

    private static final List<Object> ALL = List.of("os", "packages", Map.of("files", List.of("/etc/phoenix-app/app.conf",
            "/etc/phoenix-app", "/etc/nothing-here", "/etc/cron.d/*.nope")), Map.of("services", List.of("phoenix-app", "cron", "nginx")),
            "users", "groups", "mounts", "cron", Map.of("command", Map.of("name", "app-version", "run",
                    "cat /usr/share/phoenix-app/VERSION", "stdout", "text")));

    @Test
    void collectors_reportTheHostAsItIs() throws Exception {
        Map<String, String> facts = facts(await(probe(Map.of("collectors", ALL)).observe(member(a))));

        assertThat(facts).containsEntry("ssh.os.id", "debian").containsEntry("ssh.os.version_id", "12")
                .containsKey("ssh.os.kernel")
                .containsEntry("ssh.packages.phoenix-app", "1.0")
                .containsKey("ssh.packages.openssh-server")
                .containsEntry("ssh.files./etc/phoenix-app/app.conf.type", "file")
                .containsEntry("ssh.files./etc/phoenix-app/app.conf.mode", "644")
                .containsEntry("ssh.files./etc/phoenix-app/app.conf.owner", "root:root")
                .containsEntry("ssh.files./etc/phoenix-app/app.conf.size", "27")
                .containsEntry("ssh.files./etc/phoenix-app/app.conf.sha256",
                        dev.phoenix.model.Fingerprint.sha256Hex("listen=127.0.0.1\nworkers=4\n"))
                .containsEntry("ssh.files./etc/phoenix-app.type", "directory")
                .containsEntry("ssh.files./etc/phoenix-app.entries", "app.conf")
                .containsEntry("ssh.files./etc/nothing-here.type", "absent")
                .containsEntry("ssh.files./etc/cron.d/*.nope.matches", "0")
                .containsEntry("ssh.services.systemd", "offline")
                .containsEntry("ssh.services.phoenix-app.enabled", "enabled")
                .containsEntry("ssh.services.cron.enabled", "enabled")
                .containsEntry("ssh.services.nginx.enabled", "not-found")
                .containsEntry("ssh.users.audit", "1000:1000:/home/audit:/bin/bash")
                .containsKey("ssh.groups.audit")
                .containsKey("ssh.mounts./")
                .containsKey("ssh.cron./etc/crontab.sha256")
                .containsEntry("ssh.cron.user.sha256", "none")
                .containsEntry("ssh.command.app-version.exit", "0")
                .containsEntry("ssh.command.app-version.stdout", "1.0");
        assertThat(facts).doesNotContainKey("ssh.services.phoenix-app.active");
    }

    @Test
    void oneConnectionPerHost_isReusedByEveryCommandOfEveryProbe() throws Exception {
        Probe first = probe(Map.of("collectors", ALL));
        Probe second = probe(Map.of("name", "more", "collectors", List.of("os", "ports")));
        for (SshHosts.Host h : List.of(a, b)) {
            assertThat(await(first.observe(member(h))).succeeded()).isTrue();
            assertThat(await(second.observe(member(h))).succeeded()).isTrue();
        }
        assertThat(SshSessions.of(ctx).opened()).isEqualTo(2);
    }

    @Test
    void aHostChangedInPlace_changesExactlyTheFactsOfWhatWasChanged() throws Exception {
        SshHosts.Host c = hosts.start("c");
        Files.writeString(home.resolve(".ssh/known_hosts"), c.knownHostsLine() + "\n", java.nio.file.StandardOpenOption.APPEND);
        Probe probe = probe(Map.of("collectors", List.of("packages", Map.of("files", List.of("/etc/phoenix-app/app.conf")),
                Map.of("services", List.of("phoenix-app")))));
        Map<String, String> before = facts(await(probe.observe(member(c))));

        hosts.exec(c, "dpkg", "-i", "--force-confold", "/var/cache/phoenix/phoenix-app_1.1_all.deb");
        hosts.exec(c, "sed", "-i", "s/workers=4/workers=64/", "/etc/phoenix-app/app.conf");
        hosts.exec(c, "systemctl", "disable", "phoenix-app");
        ctx.shared().close();
        ctx = ProviderContext.create(vertx, Clock.systemUTC(), 1L, Map.of("HOME", home.toString()));
        Map<String, String> after = facts(await(probe(Map.of("collectors", List.of("packages", Map.of("files",
                List.of("/etc/phoenix-app/app.conf")), Map.of("services", List.of("phoenix-app"))))).observe(member(c))));

        Map<String, String> changed = after.entrySet().stream().filter(e -> !e.getValue().equals(before.get(e.getKey())))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(changed).containsOnlyKeys("ssh.packages.phoenix-app", "ssh.files./etc/phoenix-app/app.conf.sha256",
                "ssh.files./etc/phoenix-app/app.conf.size", "ssh.services.phoenix-app.enabled");
        assertThat(changed).containsEntry("ssh.packages.phoenix-app", "1.1").containsEntry("ssh.services.phoenix-app.enabled", "disabled");
        assertThat(before).containsEntry("ssh.packages.phoenix-app", "1.0").containsEntry("ssh.services.phoenix-app.enabled", "enabled");
        assertThat(after.keySet()).isEqualTo(before.keySet());
    }

    @Test
    void aChangedHostKey_isRefused_andNothingIsProbed() throws Exception {
        SshKeys.Pair other = SshKeys.generate(keys, "other_host_key", "ed25519");
        Files.writeString(home.resolve(".ssh/known_hosts"), "[127.0.0.1]:" + a.port() + " " + other.typeAndKey() + "\n");
        String before = hosts.log(a);
        Observation o = await(probe(Map.of("collectors", List.of("os"))).observe(member(a)));

        assertThat(o.succeeded()).isFalse();
        assertThat(o.error().cause()).contains("the host key of a ([127.0.0.1]:" + a.port() + ") changed")
                .contains("known_hosts expects SHA256:").contains("nothing was probed");
        assertThat(o.facts()).isEmpty();
        String logged = hosts.log(a).substring(before.length());
        assertThat(logged).doesNotContain("Accepted publickey");
    }

    @Test
    void anUnknownHost_isRefusedUnderStrict() throws Exception {
        Files.writeString(home.resolve(".ssh/known_hosts"), "");
        Observation o = await(probe(Map.of("collectors", List.of("os"))).observe(member(a)));
        assertThat(o.error().cause()).contains("is not in known_hosts (host-key: strict)");
    }

    @Test
    void acceptNew_recordsAFirstSeenKeyOnce_andRefusesAChangedOne() throws Exception {
        Files.writeString(home.resolve(".ssh/known_hosts"), "");
        ObjectStore store = new LocalObjectStore(home.resolve("store"), ctx.blocking());
        SshHosts.Host d = hosts.start("d");
        Map<String, Object> settings = Map.of("collectors", List.of("os"), "host-key", "accept-new");

        assertThat(await(probe(settings, store).observe(member(d))).succeeded()).isTrue();
        String recorded = new String(await(store.get("ssh/known_hosts")).orElseThrow(), StandardCharsets.UTF_8);
        assertThat(recorded).isEqualTo("[127.0.0.1]:" + d.port() + " " + d.hostKey().typeAndKey() + "\n");
        String version = await(store.getVersioned("ssh/known_hosts")).version();

        ctx.shared().close();
        ctx = ProviderContext.create(vertx, Clock.systemUTC(), 1L, Map.of("HOME", home.toString()));
        assertThat(await(probe(settings, store).observe(member(d))).succeeded()).isTrue();
        assertThat(await(store.getVersioned("ssh/known_hosts")).version()).as("recorded once, not rewritten").isEqualTo(version);

        hosts.remove(d);
        SshHosts.Host rebuilt = hosts.start("d2", SshKeys.generate(keys, "d2_key", "ed25519"), null);
        Member sameAddress = member("d", rebuilt.port(), hosts.user().privateKey());
        // the store names the old port; record it under the new one to impersonate the same host
        await(store.put("ssh/known_hosts", ("[127.0.0.1]:" + rebuilt.port() + " " + d.hostKey().typeAndKey() + "\n")
                .getBytes(StandardCharsets.UTF_8)));
        ctx.shared().close();
        ctx = ProviderContext.create(vertx, Clock.systemUTC(), 1L, Map.of("HOME", home.toString()));
        Observation o = await(probe(settings, store).observe(sameAddress));
        assertThat(o.succeeded()).isFalse();
        assertThat(o.error().cause()).contains("changed since Phoenix first saw it").contains("nothing was probed");
    }

    @Test
    void aHostThatAcceptsTheConnectionButNeverAnswers_failsAtTheConnectTimeout() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    java.net.Socket s = silent.accept();
                    s.getInputStream().read(new byte[1024]); // read the client's banner, answer nothing
                } catch (java.io.IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            long start = System.nanoTime();
            Observation o = await(probe(Map.of("collectors", List.of("os"), "connect-timeout", "2s"))
                    .observe(member("silent", silent.getLocalPort(), hosts.user().privateKey())));
            assertThat(o.succeeded()).isFalse();
            assertThat(o.error().cause()).contains("no SSH answer").contains("within 2000 ms");
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(10_000);
        }
    }

    @Test
    void aCommandThatPrints100MB_isCut_andReported() throws Exception {
        Runtime rt = Runtime.getRuntime();
        Observation o = await(probe(Map.of("max-output", 1 << 20, "collectors", List.of(Map.of("command",
                Map.of("name", "flood", "run", "head -c 100000000 /dev/zero"))))).observe(member(a)));
        assertThat(o.succeeded()).isFalse();
        assertThat(o.error().cause()).contains("collector command.flood: printed more than 1048576 bytes; cut");
        assertThat(rt.totalMemory() - rt.freeMemory()).isLessThan(512L << 20);
    }

    @Test
    void aMissingTool_isAProbeErrorNamingIt_whileOtherHostsAreObserved() throws Exception {
        SshHosts.Host e = hosts.start("e");
        Files.writeString(home.resolve(".ssh/known_hosts"), a.knownHostsLine() + "\n" + e.knownHostsLine() + "\n");
        hosts.exec(e, "rm", "/usr/bin/ss");
        Probe probe = probe(Map.of("collectors", List.of("os", "ports")));

        Observation broken = await(probe.observe(member(e)));
        assertThat(broken.succeeded()).isFalse();
        assertThat(broken.error().cause()).isEqualTo("collector ports: ss is not installed on the host (or not on the login user's PATH)");
        assertThat(await(probe.observe(member(a))).succeeded()).isTrue();
    }

    @Test
    void aKeyTheHostDoesNotAuthorize_isRefused() throws Exception {
        SshKeys.Pair stranger = SshKeys.generate(keys, "stranger", "ed25519");
        Observation o = await(probe(Map.of("collectors", List.of("os"))).observe(member("a", a.port(), stranger.privateKey())));
        assertThat(o.succeeded()).isFalse();
        assertThat(o.error().cause()).startsWith("a: authentication refused: audit@127.0.0.1:" + a.port() + " accepted none of")
                .contains(stranger.privateKey().toString());
    }

    @Test
    void aUserCertificate_signedByTheCaTheHostTrusts_logsIn() throws Exception {
        SshKeys.Pair ca = SshKeys.generate(keys, "user_ca", "ed25519");
        SshKeys.Pair key = SshKeys.generate(keys, "certified", "ed25519");
        Path cert = SshKeys.certify(ca, key, "audit");
        SshHosts.Host f = hosts.start("f", SshKeys.generate(keys, "f_key", "ed25519"), ca);
        Files.writeString(home.resolve(".ssh/known_hosts"), f.knownHostsLine() + "\n");
        Observation o = await(probe(Map.of("collectors", List.of("os"), "certificate", cert.toString()))
                .observe(member("f", f.port(), key.privateKey())));
        assertThat(facts(o)).containsEntry("ssh.os.id", "debian");
    }

    @Test
    void sshConfig_givesHostNamePortUserAndIdentity_fromTheInjectedHome() throws Exception {
        Files.copy(hosts.user().privateKey(), home.resolve(".ssh/id_fleet"));
        Files.writeString(home.resolve(".ssh/config"), "Host db-alias\n  HostName 127.0.0.1\n  Port " + b.port()
                + "\n  User audit\n  IdentityFile ~/.ssh/id_fleet\n");
        Member alias = new InventoryHost("db", "db-alias", null, null, null, null, Map.of()).member("g", "ssh", Optional.empty());
        Observation o = await(probe(Map.of("collectors", List.of("os"))).observe(alias));
        assertThat(facts(o)).containsEntry("ssh.os.id", "debian");
        assertThat(o.facts()).contains(Fact.identity("ssh.address", "audit@127.0.0.1:" + b.port()));
    }

    @Test
    void sshAgent_signsWithAKeyThatIsNoFile_whenSshAuthSockIsSet() throws Exception {
        dev.phoenix.testing.Requirements.executable("/usr/bin/ssh-agent");
        Path socket = home.resolve("agent.sock");
        Process agent = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString()).redirectErrorStream(true).start();
        try {
            for (int i = 0; i < 100 && !Files.exists(socket); i++) {
                Thread.sleep(50); // waiting for a process the test started
            }
            ProcessBuilder adding = new ProcessBuilder("ssh-add", hosts.user().privateKey().toString()).redirectErrorStream(true);
            adding.environment().put("SSH_AUTH_SOCK", socket.toString());
            assertThat(adding.start().waitFor()).isZero();
            ctx = ProviderContext.create(vertx, Clock.systemUTC(), 1L, Map.of("HOME", home.toString(), "SSH_AUTH_SOCK", socket.toString()));
            Observation o = await(probe(Map.of("collectors", List.of("os"))).observe(member("a", a.port(), null)));
            assertThat(facts(o)).containsEntry("ssh.os.id", "debian");
        } finally {
            agent.destroy();
            agent.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aTargetPolicyRefusal_connectsToNothing() throws Exception {
        // the refused host is a real loopback sshd: whatever the probe does, nothing leaves 127.0.0.0/8
        // (TargetPolicyTest checks, without any network, that loopback-only mode refuses private addresses)
        ctx = ctx.withTargets(host -> Optional.of(host + " is not a loopback address (refused by this test's policy)"));
        Member remote = new InventoryHost("far", "127.0.0.1", a.port(), "audit", null, null, Map.of()).member("g", "ssh", Optional.empty());
        Observation o = await(probe(Map.of("collectors", List.of("os"))).observe(remote));
        assertThat(o.error().cause()).contains("not connecting to 127.0.0.1: 127.0.0.1 is not a loopback address");
        assertThat(SshSessions.of(ctx).opened()).isZero();
    }

    @Test
    void hostAndPortTemplates_reachAMemberOfAnotherProvider_fromItsAttributes() throws Exception {
        Member instance = new Member("i-0abc", "legacy-1", "g", "aws", dev.phoenix.model.MemberKind.INSTANCE,
                dev.phoenix.model.Mutability.MUTABLE, false, "ami-1", Map.of("privateIp", "127.0.0.1", "tag:ssh-port", String.valueOf(b.port())));
        Observation o = await(probe(Map.of("host", "{privateIp}", "port", "{tag:ssh-port}", "user", "audit",
                "identity", hosts.user().privateKey().toString(), "collectors", List.of("os"))).observe(instance));
        assertThat(facts(o)).containsEntry("ssh.os.id", "debian");
        Observation missing = await(probe(Map.of("host", "{publicIp}", "collectors", List.of("os"))).observe(instance));
        assertThat(missing.error().cause()).contains("has no attribute 'publicIp'");
    }
}
