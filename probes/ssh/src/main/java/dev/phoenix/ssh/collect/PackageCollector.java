package dev.phoenix.ssh.collect;

import dev.phoenix.model.Fact;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code packages}: every installed package and its version, {@code ssh.packages.<name>=<version>},
 * from dpkg-query, else rpm (several versions of one name, as kernels have, are joined with a comma).
 */
final class PackageCollector {

    private static final String BODY = "if command -v dpkg-query >/dev/null 2>&1; then "
            + "dpkg-query -W -f='${db:Status-Abbrev}|${Package}|${Version}\\n'; "
            + "elif command -v rpm >/dev/null 2>&1; then rpm -qa --qf 'ii |%{NAME}|%|EPOCH?{%{EPOCH}:}:{}|%{VERSION}-%{RELEASE}\\n'; "
            + "else echo 'phoenix: missing dpkg-query or rpm' >&2; exit 127; fi";

    private PackageCollector() {
    }

    static Collector create() {
        return new ScriptCollector("packages", Shell.script(BODY, List.of()), PackageCollector::parse);
    }

    static List<Fact> parse(CommandResult r) {
        Shell.expect("packages", r, 0);
        Map<String, String> versions = new TreeMap<>();
        for (String line : r.out().split("\n")) {
            String[] f = line.split("\\|", -1);
            // dpkg: installed (i) and fully configured (i), whatever the selection (install, hold)
            if (f.length == 3 && f[0].length() >= 2 && f[0].charAt(1) == 'i' && !f[1].isEmpty()) {
                versions.merge(f[1], f[2], (a, b) -> a.equals(b) ? a : a + "," + b);
            }
        }
        if (versions.isEmpty()) {
            throw new CollectorException("collector packages: the package database lists no installed package");
        }
        return SystemCollectors.facts(prefixed(versions));
    }

    private static Map<String, String> prefixed(Map<String, String> versions) {
        Map<String, String> out = new TreeMap<>();
        versions.forEach((k, v) -> out.put("ssh.packages." + k, v));
        return out;
    }
}
