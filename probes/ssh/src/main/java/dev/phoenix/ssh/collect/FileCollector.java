package dev.phoenix.ssh.collect;

import dev.phoenix.model.Fact;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@code files}: the paths and globs given, each file as {@code ssh.files.<path>.sha256}, {@code .mode},
 * {@code .owner} ({@code user:group}), {@code .size} and {@code .type}; a directory with its entries
 * ({@code .entries}, names sorted, or their digest past 64 names); a symbolic link with its target; a
 * path that does not exist as {@code .type=absent}, a glob that matches nothing as {@code .matches=0}.
 * A file the login user cannot read fails the collector: its digest is never guessed.
 *
 * <pre>{@code
 * collectors: [{files: [/etc/app.conf, "/etc/app.d/*.conf", /etc/cron.d]}]
 * }</pre>
 */
final class FileCollector {

    /** Absolute paths; {@code *} and {@code ?} glob; nothing the shell would act on. */
    static final Pattern PATH = Pattern.compile("/[A-Za-z0-9._/*?@+:,=~%-]*");
    private static final int MAX_ENTRIES = 64;

    private static final String BODY = Shell.need("stat", "sha256sum", "ls")
            + "nl='\n'; for p in \"$@\"; do n=0; for f in $p; do "
            + "case \"$f\" in *\"$nl\"*|*'|'*) continue;; esac; "
            + "if [ -L \"$f\" ]; then n=$((n+1)); printf 'L|%s|%s\\n' \"$f\" \"$(readlink \"$f\")\"; "
            + "elif [ -d \"$f\" ]; then n=$((n+1)); stat -c 'D|%n|%a|%U:%G|%s' -- \"$f\"; "
            + "if ls -A1 -- \"$f\" >/dev/null 2>&1; then ls -A1 -- \"$f\" | sed 's/^/E|/'; else printf 'X|%s|cannot list\\n' \"$f\"; fi; "
            + "elif [ -e \"$f\" ]; then n=$((n+1)); stat -c 'F|%n|%a|%U:%G|%s' -- \"$f\"; "
            + "if [ -r \"$f\" ]; then printf 'S|%s\\n' \"$(sha256sum < \"$f\" | cut -d' ' -f1)\"; else printf 'X|%s|cannot read\\n' \"$f\"; fi; "
            + "fi; done; [ $n -gt 0 ] || printf 'M|%s\\n' \"$p\"; done";

    private FileCollector() {
    }

    static Collector create(List<String> paths) {
        return new ScriptCollector("files", Shell.script(BODY, paths), FileCollector::parse);
    }

    static List<Fact> parse(CommandResult r) {
        Shell.expect("files", r, 0);
        Map<String, String> facts = new TreeMap<>();
        String current = null;
        List<String> entries = new ArrayList<>();
        for (String line : r.out().split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\\|", -1);
            switch (f[0]) {
                case "F", "D" -> {
                    flush(facts, current, entries);
                    current = f[1];
                    String p = "ssh.files." + current + ".";
                    facts.put(p + "type", f[0].equals("F") ? "file" : "directory");
                    facts.put(p + "mode", f[2]);
                    facts.put(p + "owner", f[3]);
                    if (f[0].equals("F")) {
                        facts.put(p + "size", f[4]);
                    }
                }
                case "S" -> facts.put("ssh.files." + current + ".sha256", f[1]);
                case "E" -> entries.add(line.substring(2));
                case "L" -> {
                    flush(facts, current, entries);
                    current = null;
                    facts.put("ssh.files." + f[1] + ".type", "symlink");
                    facts.put("ssh.files." + f[1] + ".target", f[2]);
                }
                case "M" -> {
                    flush(facts, current, entries);
                    current = null;
                    boolean glob = f[1].contains("*") || f[1].contains("?");
                    facts.put("ssh.files." + f[1] + (glob ? ".matches" : ".type"), glob ? "0" : "absent");
                }
                case "X" -> throw new CollectorException("collector files: " + f[1] + ": " + f[2] + " as the login user");
                default -> throw new CollectorException("collector files: unexpected output line '" + dev.phoenix.spi.Errors.firstLine(line) + "'");
            }
        }
        flush(facts, current, entries);
        return SystemCollectors.facts(facts);
    }

    private static void flush(Map<String, String> facts, String dir, List<String> entries) {
        if (dir != null && "directory".equals(facts.get("ssh.files." + dir + ".type"))) {
            List<String> sorted = entries.stream().sorted().toList();
            String joined = String.join(",", sorted);
            if (sorted.size() > MAX_ENTRIES) {
                facts.put("ssh.files." + dir + ".entries.sha256", dev.phoenix.model.Fingerprint.sha256Hex(
                        joined.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                facts.put("ssh.files." + dir + ".entries.count", String.valueOf(sorted.size()));
            } else {
                facts.put("ssh.files." + dir + ".entries", joined);
            }
        }
        entries.clear();
    }
}
