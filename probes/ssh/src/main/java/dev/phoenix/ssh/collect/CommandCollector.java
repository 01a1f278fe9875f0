package dev.phoenix.ssh.collect;

import dev.phoenix.model.Fact;
import dev.phoenix.model.Fingerprint;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code command}: one's own command, written by the operator in the config (never by a member),
 * run as given by the login user's shell. Facts {@code ssh.command.<name>.exit} and
 * {@code .stdout.sha256}, or with {@code stdout: text} the output itself in {@code .stdout} (up to
 * 4 KiB), plus {@code .stderr.sha256} when it wrote to stderr. Exit 126 or 127 (cannot be run, not
 * found) fails the collector.
 *
 * <pre>{@code
 * collectors: [{command: {name: app-version, run: "cat /usr/share/phoenix-app/VERSION", stdout: text}}]
 * }</pre>
 */
final class CommandCollector {

    static final int TEXT_LIMIT = 4096;

    private CommandCollector() {
    }

    static Collector create(String name, String run, boolean text) {
        String prefix = "ssh.command." + name + ".";
        return new ScriptCollector("command." + name, run, r -> {
            if (r.exit() == 126 || r.exit() == 127) {
                throw new CollectorException("collector command." + name + ": cannot run '" + run + "' (exit " + r.exit()
                        + (r.err().isEmpty() ? "" : ": " + dev.phoenix.spi.Errors.firstLine(r.err())) + ")");
            }
            List<Fact> facts = new ArrayList<>();
            facts.add(Fact.of(prefix + "exit", String.valueOf(r.exit())));
            if (text) {
                String out = new String(r.stdout(), StandardCharsets.UTF_8).strip();
                facts.add(Fact.of(prefix + "stdout", out.length() > TEXT_LIMIT ? out.substring(0, TEXT_LIMIT) + "…" : out));
            } else {
                facts.add(Fact.of(prefix + "stdout.sha256", Fingerprint.sha256Hex(r.stdout())));
            }
            if (r.stderr().length > 0) {
                facts.add(Fact.of(prefix + "stderr.sha256", Fingerprint.sha256Hex(r.stderr())));
            }
            return facts;
        });
    }
}
