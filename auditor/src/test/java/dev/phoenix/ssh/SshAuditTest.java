package dev.phoenix.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phoenix.cli.Cli;
import dev.phoenix.model.Change;
import dev.phoenix.model.Drift;
import dev.phoenix.report.MemberResult;
import dev.phoenix.report.MemberStatus;
import dev.phoenix.report.Scorecard;
import dev.phoenix.report.ScorecardJson;
import dev.phoenix.ssh.testing.SshHosts;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code phoenix audit} end to end against an Ansible inventory of six real SSH hosts on loopback:
 * one host is patched in place with its own tools and exactly that host drifts, each changed fact
 * named with its expected and actual value.
 */
class SshAuditTest {

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static SshHosts hosts;
    private static List<SshHosts.Host> web;
    private static Map<String, String> env;

    @BeforeAll
    static void startHosts() throws Exception {
        hosts = SshHosts.create(shared);
        web = hosts.start(List.of("web-1", "web-2", "web-3", "web-4", "web-5", "web-6"));
        Path home = shared.resolve("home");
        Files.createDirectories(home.resolve(".ssh"));
        hosts.knownHosts("home/.ssh/known_hosts", web);
        Files.copy(hosts.user().privateKey(), home.resolve(".ssh/id_ed25519"));
        env = Map.of("HOME", home.toString());
    }

    @AfterAll
    static void stopHosts() {
        if (hosts != null) {
            hosts.close();
        }
    }

    /** The inventory: the six hosts in webservers and prod, web-7 in webservers only, and {@code extra} (one host line) in both. */
    private void inventory(String extra) throws Exception {
        StringBuilder ini = new StringBuilder("[webservers]\n");
        for (SshHosts.Host h : web) {
            ini.append(h.name()).append(" ansible_host=127.0.0.1 ansible_port=").append(h.port()).append('\n');
        }
        ini.append(extra).append("web-7 ansible_host=127.0.0.1 ansible_port=1\n[prod]\nweb-[1:6]\n")
                .append(extra.isEmpty() ? "" : extra.substring(0, extra.indexOf(' ')) + "\n").append("[webservers:vars]\nansible_user=audit\n[prod:vars]\nansible_user=audit\n");
        Files.writeString(dir.resolve("hosts.ini"), ini);
    }

    @BeforeEach
    void config() throws Exception {
        inventory("");
        Files.writeString(dir.resolve("phoenix.yaml"), """
                store: .phoenix
                probing: {concurrency: 16, timeout: 60s, targets: loopback}
                groups:
                  - name: web
                    source: {ansible: {inventory: hosts.ini, pattern: "webservers:&prod"}}
                    probes:
                      - ssh:
                          collectors:
                            - os
                            - packages
                            - {files: [/etc/phoenix-app/app.conf]}
                            - {services: [phoenix-app, cron]}
                            - users
                            - groups
                            - {command: {name: app-version, run: "cat /usr/share/phoenix-app/VERSION", stdout: text}}
                report: {formats: [json]}
                """);
    }

    private record Run(Cli cli, Scorecard scorecard) {
        MemberResult member(String name) {
            return scorecard.members().stream().filter(m -> m.id().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no member " + name + " in " + cli.out() + cli.err()));
        }
    }

    private Run audit(String out) throws Exception {
        Path reports = dir.resolve(out);
        Cli cli = Cli.run(env, "audit", "--config", dir.resolve("phoenix.yaml").toString(), "--out", reports.toString());
        Scorecard scorecard = null;
        if (Files.exists(reports.resolve("scorecard.json"))) {
            try (InputStream in = Files.newInputStream(reports.resolve("scorecard.json"))) {
                scorecard = ScorecardJson.read(in);
            }
        }
        return new Run(cli, scorecard);
    }

    @Test
    void aHostPatchedInPlace_isTheOnlyOneThatDrifts_withEveryChangedFactNamed() throws Exception {
        Run first = audit("first");
        assertThat(first.cli().exit()).as(first.cli().out() + first.cli().err()).isZero();
        assertThat(first.scorecard().members()).extracting(MemberResult::id)
                .containsExactly("web-1", "web-2", "web-3", "web-4", "web-5", "web-6");
        assertThat(first.scorecard().members()).extracting(MemberResult::status).containsOnly(MemberStatus.BASELINED);

        SshHosts.Host patched = web.get(2);
        hosts.exec(patched, "dpkg", "-i", "--force-confold", "/var/cache/phoenix/phoenix-app_1.1_all.deb");
        hosts.exec(patched, "sed", "-i", "s/workers=4/workers=64/", "/etc/phoenix-app/app.conf");
        hosts.exec(patched, "systemctl", "disable", "phoenix-app");

        Run second = audit("second");
        assertThat(second.cli().exit()).as(second.cli().out() + second.cli().err()).isEqualTo(1);
        List<String> drifted = new ArrayList<>();
        for (MemberResult m : second.scorecard().members()) {
            if (m.status() != MemberStatus.CONSISTENT) {
                drifted.add(m.id() + "=" + m.status());
            }
        }
        assertThat(drifted).containsExactly("web-3=DRIFTED");
        MemberResult web3 = second.member("web-3");
        assertThat(web3.drift()).extracting(Drift::fact).containsExactlyInAnyOrder(
                "ssh.packages.phoenix-app", "ssh.files./etc/phoenix-app/app.conf.sha256", "ssh.files./etc/phoenix-app/app.conf.size",
                "ssh.services.phoenix-app.enabled", "ssh.command.app-version.stdout");
        assertThat(web3.drift()).contains(
                new Drift("ssh.packages.phoenix-app", "1.0", "1.1", Change.CHANGED),
                new Drift("ssh.services.phoenix-app.enabled", "enabled", "disabled", Change.CHANGED),
                new Drift("ssh.files./etc/phoenix-app/app.conf.size", "27", "28", Change.CHANGED),
                new Drift("ssh.command.app-version.stdout", "1.0", "1.1", Change.CHANGED));
        assertThat(second.cli().out()).contains("DRIFTED").contains("web-3").contains("ssh.packages.phoenix-app");

        Cli accepted = Cli.run(env, "baseline", "accept", "--config", dir.resolve("phoenix.yaml").toString(), "--member", "web-3",
                "--by", "alice", "--reason", "phoenix-app 1.1 rolled out by hand");
        assertThat(accepted.exit()).as(accepted.out() + accepted.err()).isZero();
        assertThat(accepted.out()).contains("accepted baseline of web-3");
        Run third = audit("third");
        assertThat(third.cli().exit()).as(third.cli().out()).isZero();
        assertThat(third.member("web-3").status()).isEqualTo(MemberStatus.CONSISTENT);
    }

    @Test
    void aHostThatIsDown_isUnreachable_andTheAuditCompletes() throws Exception {
        int closed = SshHosts.freePort();
        inventory("web-down ansible_host=127.0.0.1 ansible_port=" + closed + "\n");
        Run run = audit("down");
        assertThat(run.scorecard()).as(run.cli().out() + run.cli().err()).isNotNull();
        MemberResult down = run.member("web-down");
        assertThat(down.status()).isEqualTo(MemberStatus.UNREACHABLE);
        assertThat(down.probeErrors()).singleElement().asString().contains("cannot connect to 127.0.0.1:" + closed);
        assertThat(run.scorecard().members()).filteredOn(m -> !m.id().equals("web-down")).extracting(MemberResult::status)
                .containsOnly(MemberStatus.BASELINED);
    }
}
