package dev.phoenix.ssh.collect;

import dev.phoenix.model.Fact;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The collectors of what the operating system says about itself: {@code os}, {@code users},
 * {@code groups}, {@code ports} and {@code mounts}.
 */
final class SystemCollectors {

    private SystemCollectors() {
    }

    /** {@code ssh.os.<os-release key in lower case>} plus {@code ssh.os.kernel} and {@code ssh.os.arch}. */
    static Collector os() {
        String body = "if [ -r /etc/os-release ]; then cat /etc/os-release; elif [ -r /usr/lib/os-release ]; then cat /usr/lib/os-release; "
                + "else echo 'phoenix: missing /etc/os-release' >&2; exit 127; fi; " + Shell.need("uname")
                + "echo \"PHOENIX_KERNEL=$(uname -r)\"; echo \"PHOENIX_ARCH=$(uname -m)\"";
        return new ScriptCollector("os", Shell.script(body, List.of()), r -> {
            Shell.expect("os", r, 0);
            Map<String, String> facts = new TreeMap<>();
            for (String line : r.out().split("\n")) {
                int eq = line.indexOf('=');
                if (eq <= 0 || line.startsWith("#")) {
                    continue;
                }
                String key = line.substring(0, eq).strip().toLowerCase(Locale.ROOT).replaceFirst("^phoenix_", "");
                String value = line.substring(eq + 1).strip();
                if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
                    value = value.substring(1, value.length() - 1);
                }
                if (key.matches("[a-z0-9_]+") && !key.endsWith("_url")) {
                    facts.put("ssh.os." + key, value);
                }
            }
            return facts(facts);
        });
    }

    /** {@code ssh.users.<name>=uid:gid:home:shell} from the user database (getent, else /etc/passwd). */
    static Collector users() {
        return database("users", "passwd", 7, f -> f[2] + ":" + f[3] + ":" + f[5] + ":" + f[6]);
    }

    /** {@code ssh.groups.<name>=gid:members}. */
    static Collector groups() {
        return database("groups", "group", 3, f -> f[2] + ":" + (f.length > 3 ? f[3] : ""));
    }

    private static Collector database(String name, String db, int fields, java.util.function.Function<String[], String> value) {
        String body = "if command -v getent >/dev/null 2>&1; then getent " + db + "; elif [ -r /etc/" + db + " ]; then cat /etc/" + db
                + "; else echo 'phoenix: missing getent' >&2; exit 127; fi";
        return new ScriptCollector(name, Shell.script(body, List.of()), r -> {
            Shell.expect(name, r, 0);
            Map<String, String> facts = new TreeMap<>();
            for (String line : r.out().split("\n")) {
                String[] f = line.split(":", -1);
                if (f.length >= fields - 1 && !f[0].isEmpty()) {
                    facts.put("ssh." + name + "." + f[0], value.apply(f.length >= fields ? f : java.util.Arrays.copyOf(f, fields)));
                }
            }
            return facts(facts);
        });
    }

    /** {@code ssh.ports.<tcp|udp>.<address:port>=listening} from {@code ss} (or netstat). */
    static Collector ports() {
        String body = "if command -v ss >/dev/null 2>&1; then ss -Hltun; elif command -v netstat >/dev/null 2>&1; then netstat -ltun; "
                + "else echo 'phoenix: missing ss' >&2; exit 127; fi";
        return new ScriptCollector("ports", Shell.script(body, List.of()), r -> {
            Shell.expect("ports", r, 0);
            Map<String, String> facts = new TreeMap<>();
            for (String line : r.out().split("\n")) {
                String[] f = line.strip().split("\\s+");
                if (f.length < 5 || !(f[0].startsWith("tcp") || f[0].startsWith("udp"))) {
                    continue;
                }
                boolean ss = f[1].equals("LISTEN") || f[1].equals("UNCONN");
                String local = ss ? f[4] : f[3];
                facts.put("ssh.ports." + f[0].substring(0, 3) + "." + local, "listening");
            }
            return facts(facts);
        });
    }

    /** {@code ssh.mounts.<mount point>=<fstype> <source> <options>} from /proc/self/mounts. */
    static Collector mounts() {
        String body = "if [ -r /proc/self/mounts ]; then cat /proc/self/mounts; else echo 'phoenix: missing /proc/self/mounts' >&2; exit 127; fi";
        return new ScriptCollector("mounts", Shell.script(body, List.of()), r -> {
            Shell.expect("mounts", r, 0);
            Map<String, String> facts = new TreeMap<>();
            for (String line : r.out().split("\n")) {
                String[] f = line.split(" ");
                if (f.length >= 4) {
                    facts.put("ssh.mounts." + unescape(f[1]), f[2] + " " + unescape(f[0]) + " " + f[3]);
                }
            }
            return facts(facts);
        });
    }

    /** /proc/mounts writes a blank as \040, a tab as \011. */
    private static String unescape(String s) {
        return s.replace("\\040", " ").replace("\\011", "\t").replace("\\134", "\\");
    }

    static List<Fact> facts(Map<String, String> map) {
        List<Fact> out = new ArrayList<>(map.size());
        map.forEach((k, v) -> out.add(Fact.of(k, v)));
        return out;
    }
}
