package dev.phoenix.aws;

import dev.phoenix.probe.Probe;
import dev.phoenix.probe.ProbeFactory;
import dev.phoenix.probe.ProbeSpec;
import dev.phoenix.spi.ProviderContext;
import dev.phoenix.spi.Settings;
import java.time.Duration;
import java.util.List;

/**
 * {@code ssm-command}: a command run on each instance through SSM Run Command, its output
 * fingerprinted. The instance needs the SSM agent and an instance profile that allows it. The
 * engine waits for the command's {@code timeout} even when {@code probing.timeout} is shorter.
 *
 * <pre>{@code
 * probes:
 *   - {ssm-command: {name: app-conf, commands: ["sha256sum /etc/app.conf"], timeout: 60s}}
 *   - {ssm-command: {name: kernel, commands: ["uname -r"], stdout: text}}
 * }</pre>
 */
public final class SsmCommandProbeFactory implements ProbeFactory {

    static final List<String> KEYS = List.of("name", "commands", "document", "timeout", "poll-interval", "stdout");

    @Override
    public String name() {
        return SsmCommandProbe.NAME;
    }

    @Override
    public List<String> keys() {
        return KEYS;
    }

    @Override
    public Probe create(ProbeSpec spec, ProviderContext ctx) {
        Settings s = spec.settings().requireKeys(KEYS);
        List<String> commands = s.strings("commands");
        if (commands.isEmpty()) {
            throw (s.has("commands") ? s.child("commands") : s).error("ssm-command needs 'commands', e.g. [\"sha256sum /etc/app.conf\"]");
        }
        String name = s.string("name", "command");
        if (!name.matches("[A-Za-z0-9_-]+")) {
            throw s.child("name").error("must be letters, digits, '-' or '_', found '" + name + "'");
        }
        Duration timeout = s.duration("timeout", Duration.ofSeconds(60), Duration.ofMillis(1), Duration.ofDays(1));
        Duration poll = s.duration("poll-interval", Duration.ofSeconds(1), Duration.ofMillis(1), Duration.ofMinutes(1));
        String stdout = s.string("stdout", "sha256");
        if (!stdout.equals("sha256") && !stdout.equals("text")) {
            throw s.child("stdout").error("expected sha256 or text, found '" + stdout + "'");
        }
        SsmCommandProbe.Options options = new SsmCommandProbe.Options(name, commands, s.string("document", "AWS-RunShellScript"),
                timeout, poll, stdout.equals("text"));
        return new SsmCommandProbe(options, spec.sections().get(AwsSettings.class), ctx);
    }
}
