package dev.phoenix.docker;

import dev.phoenix.probe.Probe;
import dev.phoenix.probe.ProbeFactory;
import dev.phoenix.probe.ProbeSpec;
import dev.phoenix.spi.ProviderContext;
import dev.phoenix.spi.Settings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code exec}: runs a command inside each container ({@code docker exec}) and fingerprints what
 * it prints.
 *
 * <pre>{@code
 * probes:
 *   - {exec: {name: app-conf, command: [sha256sum, /etc/app.conf], timeout: 10s}}
 *   - {exec: {name: packages, command: "apk info -v | sort", output: sha256}}   # a string runs with sh -c
 *   - {exec: {name: release, command: [cat, /etc/os-release], output: text, user: nobody}}
 * }</pre>
 *
 * Facts: {@code exec.<name>.exit} and {@code exec.<name>.stdout.sha256} (with {@code output: text},
 * {@code exec.<name>.stdout} holds the output itself, up to 4 KiB), plus
 * {@code exec.<name>.stderr.sha256} when it wrote to stderr. A command that does not finish
 * within {@code timeout}, prints more than {@code max-output} bytes, or cannot be started (exit
 * 126 or 127) is a failed observation.
 */
public final class ExecProbeFactory implements ProbeFactory {

    static final List<String> KEYS = List.of("name", "command", "timeout", "user", "output", "max-output");

    @Override
    public String name() {
        return "exec";
    }

    @Override
    public List<String> keys() {
        return KEYS;
    }

    @Override
    public Probe create(ProbeSpec spec, ProviderContext ctx) {
        Settings s = spec.settings().requireKeys(KEYS);
        Settings commandNode = s.child("command");
        if (commandNode.isNull()) {
            throw commandNode.error("required key 'command' is missing (e.g. command: [sha256sum, /etc/app.conf])");
        }
        List<String> command;
        if (commandNode.isScalar()) {
            command = List.of("sh", "-c", commandNode.asString());
        } else {
            command = new ArrayList<>();
            for (Settings part : commandNode.elements()) {
                command.add(part.asString());
            }
        }
        if (command.isEmpty() || command.get(0).isBlank()) {
            throw commandNode.error("must name a program to run");
        }
        String fallback = commandNode.isScalar() ? "sh" : command.get(0).replaceAll(".*/", "");
        String name = s.string("name", fallback.replaceAll("[^A-Za-z0-9_-]", "-"));
        if (!name.matches("[A-Za-z0-9_-]+")) {
            throw s.child("name").error("must be letters, digits, '-' or '_', found '" + name + "'");
        }
        Duration timeout = s.duration("timeout", Duration.ofSeconds(10), Duration.ofMillis(1), Duration.ofHours(1));
        String output = s.string("output", "sha256").toLowerCase(Locale.ROOT);
        if (!output.equals("sha256") && !output.equals("text")) {
            throw s.child("output").error("expected sha256 or text, found '" + output + "'");
        }
        return new ExecProbe(new ExecProbe.Options(name, List.copyOf(command), timeout, s.string("user", ""),
                output.equals("text"), s.integer("max-output", 1 << 20, 1, 64 << 20)), ctx);
    }
}
