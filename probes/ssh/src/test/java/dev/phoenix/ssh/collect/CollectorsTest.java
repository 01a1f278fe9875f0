package dev.phoenix.ssh.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.phoenix.model.Fact;
import dev.phoenix.spi.ConfigException;
import dev.phoenix.spi.Settings;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Collector settings are checked before anything reaches a host; their output is parsed into namespaced facts. */
class CollectorsTest {

    private static List<Collector> parse(Object list) {
        return Collectors.parse(Settings.of("probes[0].ssh.collectors", list));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/app.conf; rm -rf /", "/etc/$(id)", "/etc/`id`", "/etc/a b", "relative/path", "/etc/it's", "/etc/a\\b",
            "/etc/a\nb", "/etc/{a,b}"})
    void aPathWithShellSyntax_isRefused_namingTheEntry(String path) {
        assertThatThrownBy(() -> parse(List.of(Map.of("files", List.of("/etc/ok", path)))))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).path()).isEqualTo("probes[0].ssh.collectors[0].files[1]"))
                .hasMessageContaining("not a absolute path or glob Phoenix passes to a host");
    }

    @Test
    void argumentsAreSingleQuotedAfterTheFixedScript() {
        Collector files = parse(List.of(Map.of("files", List.of("/etc/app.d/*.conf", "/etc/app.conf")))).get(0);
        assertThat(files.command()).startsWith("sh -c '").endsWith("' phoenix '/etc/app.d/*.conf' '/etc/app.conf'");
    }

    @Test
    void unknownAndDuplicateCollectors_areConfigErrors() {
        assertThatThrownBy(() -> parse(List.of("os", "pakages"))).hasMessageContaining("unknown collector 'pakages'")
                .hasMessageContaining("did you mean 'packages'");
        assertThatThrownBy(() -> parse(List.of("os", "os"))).hasMessageContaining("collector 'os' is listed twice");
        assertThatThrownBy(() -> parse(List.of(Map.of("command", Map.of("name", "v", "run", "x", "stdin", "y")))))
                .hasMessageContaining("unknown key 'stdin'");
        assertThat(parse(List.of(Map.of("command", Map.of("name", "a", "run", "x")), Map.of("command", Map.of("name", "b", "run", "y")))))
                .extracting(Collector::name).containsExactly("command.a", "command.b");
    }

    @Test
    void noCollectors_meansTheDefaults() {
        assertThat(Collectors.parse(Settings.of("c", null))).extracting(Collector::name).containsExactlyElementsOf(Collectors.DEFAULTS);
    }

    private static CommandResult out(int exit, String stdout, String stderr) {
        return new CommandResult(exit, stdout.getBytes(StandardCharsets.UTF_8), stderr.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void packages_fromDpkg_keepInstalledOnes() {
        List<Fact> facts = PackageCollector.parse(out(0, "ii |openssl|3.0.15-1~deb12u1\nrc |old-pkg|1.0\nii |libc6|2.36-9\n"
                + "ii |libc6|2.36-9\nhi |held|2.0\n", ""));
        assertThat(facts).containsExactly(Fact.of("ssh.packages.held", "2.0"), Fact.of("ssh.packages.libc6", "2.36-9"),
                Fact.of("ssh.packages.openssl", "3.0.15-1~deb12u1"));
    }

    @Test
    void aMissingTool_isNamed() {
        assertThatThrownBy(() -> PackageCollector.parse(out(127, "", "phoenix: missing dpkg-query or rpm\n")))
                .isInstanceOf(CollectorException.class)
                .hasMessage("collector packages: dpkg-query or rpm is not installed on the host (or not on the login user's PATH)");
    }

    @Test
    void sysctl_keysAndPrefixes_andAbsentKeys() {
        List<Fact> facts = SysctlCollector.parse(out(0, "net.ipv4.ip_forward = 0\nvm.swappiness = 60\nvm.overcommit_memory = 0\n"
                + "kernel.ostype = Linux\n", ""), List.of("net.ipv4.ip_forward", "vm.", "kernel.nope"));
        assertThat(facts).containsExactly(Fact.of("ssh.sysctl.kernel.nope", "absent"), Fact.of("ssh.sysctl.net.ipv4.ip_forward", "0"),
                Fact.of("ssh.sysctl.vm.overcommit_memory", "0"), Fact.of("ssh.sysctl.vm.swappiness", "60"));
    }

    @Test
    void services_whileSystemdRuns_reportActiveState() {
        List<Fact> facts = ServiceCollector.parse(out(0, "M|running\nF|nginx.service|enabled\nF|cron.service|disabled\n"
                + "A|nginx.service|active|running\nA|cron.service|inactive|dead\n", ""), List.of("nginx"));
        assertThat(facts).containsExactly(Fact.of("ssh.services.nginx.active", "active"), Fact.of("ssh.services.nginx.enabled", "enabled"),
                Fact.of("ssh.services.nginx.sub", "running"), Fact.of("ssh.services.systemd", "running"));
    }

    @Test
    void ports_fromSs() {
        List<Fact> facts = SystemCollectors.ports().parse(out(0, "tcp   LISTEN 0 128 127.0.0.1:22 0.0.0.0:*\n"
                + "udp   UNCONN 0 0 0.0.0.0:68 0.0.0.0:*\n", ""));
        assertThat(facts).containsExactly(Fact.of("ssh.ports.tcp.127.0.0.1:22", "listening"), Fact.of("ssh.ports.udp.0.0.0.0:68", "listening"));
    }

    @Test
    void anUnreadableFile_failsTheCollector_insteadOfGuessingItsDigest() {
        assertThatThrownBy(() -> FileCollector.parse(out(0, "F|/etc/shadow|640|root:shadow|900\nX|/etc/shadow|cannot read\n", "")))
                .hasMessage("collector files: /etc/shadow: cannot read as the login user");
    }
}
