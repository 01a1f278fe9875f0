package dev.phoenix.ssh.collect;

import dev.phoenix.model.Fact;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@code sysctl}: kernel parameters, {@code ssh.sysctl.<key>=<value>}, for the keys given, or every key
 * under a prefix ending with {@code .} or {@code *}. The host is asked for every value
 * ({@code sysctl -a}) and the choice is made here, so nothing of the config reaches the command.
 * A key asked for by name that the host does not have is {@code absent}.
 *
 * <pre>{@code
 * collectors: [{sysctl: [net.ipv4.ip_forward, "vm.", "kernel.randomize_va_space"]}]
 * }</pre>
 */
final class SysctlCollector {

    static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.*/-]+");

    private SysctlCollector() {
    }

    static Collector create(List<String> keys) {
        String body = Shell.need("sysctl") + "sysctl -a 2>/dev/null; exit 0";
        return new ScriptCollector("sysctl", Shell.script(body, List.of()), r -> parse(r, keys));
    }

    static List<Fact> parse(CommandResult r, List<String> keys) {
        Shell.expect("sysctl", r, 0);
        Map<String, String> all = new TreeMap<>();
        for (String line : r.out().split("\n")) {
            int eq = line.indexOf(" = ");
            if (eq > 0) {
                all.put(line.substring(0, eq).strip(), line.substring(eq + 3).strip());
            }
        }
        if (all.isEmpty()) {
            throw new CollectorException("collector sysctl: sysctl -a printed no parameter");
        }
        Map<String, String> facts = new TreeMap<>();
        for (String k : keys) {
            boolean prefix = k.endsWith(".") || k.endsWith("*");
            String stem = k.endsWith("*") ? k.substring(0, k.length() - 1) : k;
            if (prefix) {
                all.forEach((key, v) -> {
                    if (key.startsWith(stem)) {
                        facts.put("ssh.sysctl." + key, v);
                    }
                });
            } else {
                facts.put("ssh.sysctl." + k, all.getOrDefault(k, "absent"));
            }
        }
        return SystemCollectors.facts(facts);
    }
}
