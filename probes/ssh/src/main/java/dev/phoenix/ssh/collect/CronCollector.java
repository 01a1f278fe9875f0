package dev.phoenix.ssh.collect;

import dev.phoenix.model.Fact;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code cron}: the system's cron tables ({@code /etc/crontab}, {@code /etc/cron.d/*} and the
 * {@code cron.hourly|daily|weekly|monthly} scripts) as {@code ssh.cron.<path>.sha256}, and the login
 * user's own crontab as {@code ssh.cron.user.sha256} ({@code none} when it has none).
 */
final class CronCollector {

    private static final String BODY = Shell.need("sha256sum")
            + "for f in /etc/crontab /etc/cron.d/* /etc/cron.hourly/* /etc/cron.daily/* /etc/cron.weekly/* /etc/cron.monthly/*; do "
            + "[ -f \"$f\" ] || continue; if [ -r \"$f\" ]; then printf 'F|%s|%s\\n' \"$f\" \"$(sha256sum < \"$f\" | cut -d' ' -f1)\"; "
            + "else printf 'X|%s\\n' \"$f\"; fi; done; "
            + "if command -v crontab >/dev/null 2>&1 && crontab -l >/dev/null 2>&1; then printf 'U|%s\\n' \"$(crontab -l | sha256sum | cut -d' ' -f1)\"; "
            + "else echo 'U|none'; fi";

    private CronCollector() {
    }

    static Collector create() {
        return new ScriptCollector("cron", Shell.script(BODY, List.of()), CronCollector::parse);
    }

    static List<Fact> parse(CommandResult r) {
        Shell.expect("cron", r, 0);
        Map<String, String> facts = new TreeMap<>();
        for (String line : r.out().split("\n")) {
            String[] f = line.split("\\|", -1);
            switch (f[0]) {
                case "F" -> facts.put("ssh.cron." + f[1] + ".sha256", f[2]);
                case "U" -> facts.put("ssh.cron.user.sha256", f[1]);
                case "X" -> throw new CollectorException("collector cron: cannot read " + f[1] + " as the login user");
                default -> {
                }
            }
        }
        return SystemCollectors.facts(facts);
    }
}
