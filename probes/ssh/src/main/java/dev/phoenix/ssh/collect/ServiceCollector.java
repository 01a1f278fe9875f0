package dev.phoenix.ssh.collect;

import dev.phoenix.model.Fact;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@code services}: systemd services, {@code ssh.services.<unit>.enabled} (enabled, disabled, static,
 * masked, ... as {@code systemctl list-unit-files} says) and, while systemd runs, {@code .active}
 * (active, inactive, failed) with {@code .sub}. Where systemd is not running (a container, a chroot)
 * only what works offline is reported: the enablement read from the unit files and their symlinks;
 * {@code ssh.services.systemd} says which ({@code running} or {@code offline}). With unit names
 * given, only those, and a name that is not installed as {@code .enabled=not-found}.
 *
 * <pre>{@code
 * collectors: [services]                 # every service
 * collectors: [{services: [nginx, cron]}]
 * }</pre>
 */
final class ServiceCollector {

    static final Pattern UNIT = Pattern.compile("[A-Za-z0-9@._:-]+");

    private static final String BODY = Shell.need("systemctl")
            + "if [ -d /run/systemd/system ]; then echo 'M|running'; else echo 'M|offline'; fi; "
            + "systemctl list-unit-files --type=service --no-legend --no-pager | while read -r u s rest; do echo \"F|$u|$s\"; done; "
            + "[ -d /run/systemd/system ] && systemctl list-units --type=service --all --no-legend --no-pager --plain "
            + "| while read -r u l a s rest; do echo \"A|$u|$a|$s\"; done; exit 0";

    private ServiceCollector() {
    }

    static Collector create(List<String> units) {
        List<String> wanted = units.stream().map(u -> u.endsWith(".service") ? u.substring(0, u.length() - 8) : u).toList();
        return new ScriptCollector("services", Shell.script(BODY, List.of()), r -> parse(r, wanted));
    }

    static List<Fact> parse(CommandResult r, List<String> wanted) {
        Shell.expect("services", r, 0);
        Map<String, String> facts = new TreeMap<>();
        boolean listed = false;
        for (String line : r.out().split("\n")) {
            String[] f = line.split("\\|", -1);
            if (f[0].equals("M") && f.length == 2) {
                facts.put("ssh.services.systemd", f[1]);
            } else if (f[0].equals("F") && f.length == 3 && f[1].endsWith(".service")) {
                listed = true;
                String unit = f[1].substring(0, f[1].length() - 8);
                if (wanted.isEmpty() || wanted.contains(unit)) {
                    facts.put("ssh.services." + unit + ".enabled", f[2]);
                }
            } else if (f[0].equals("A") && f.length == 4 && f[1].endsWith(".service")) {
                String unit = f[1].substring(0, f[1].length() - 8);
                if (wanted.isEmpty() || wanted.contains(unit)) {
                    facts.put("ssh.services." + unit + ".active", f[2]);
                    facts.put("ssh.services." + unit + ".sub", f[3]);
                }
            }
        }
        if (!listed) {
            throw new CollectorException("collector services: systemctl listed no unit files"
                    + (r.err().isEmpty() ? "" : " (" + dev.phoenix.spi.Errors.firstLine(r.err()) + ")"));
        }
        for (String unit : wanted) {
            facts.putIfAbsent("ssh.services." + unit + ".enabled", "not-found");
        }
        return SystemCollectors.facts(facts);
    }
}
