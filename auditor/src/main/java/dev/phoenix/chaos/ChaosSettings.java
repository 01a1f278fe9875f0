package dev.phoenix.chaos;

import dev.phoenix.model.ChaosOptIn;
import dev.phoenix.spi.Settings;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code chaos:} section of the config.
 *
 * <pre>{@code
 * chaos: {enabled: true, opt-in: {tag: "phoenix:chaos"}, max-per-group: 1, min-healthy: 66%,
 *         window: {days: MON-FRI, hours: "09:00-17:00", zone: UTC}, min-interval: 1d, replace-timeout: 10m}
 * }</pre>
 *
 * @param enabled        chaos may terminate members (still only with {@code --unleash})
 * @param optIn          the AWS tag and the Docker label that opt a member in (value {@code opt-in} or {@code true});
 *                       each fleet resolves them into its members
 * @param maxPerGroup    victims per group per run
 * @param minHealthy     members of a group that must stay in service
 * @param window         when terminations are allowed; empty means any time
 * @param minInterval    least time between two terminations in one group (persisted)
 * @param replaceTimeout deadline for a replacement to come up and answer
 * @param settle         after the replacement answers, how long to keep re-probing until it matches
 * @param target         how victims are drawn: {@code random}, or {@code mutated-first} (members found
 *                       MUTATED in this run are drawn first, to prove whether the image reproduces them)
 * @param groups         the groups chaos may touch; empty means all
 * @param killSwitchFile a file whose existence stops new terminations at once
 * @param killSwitchEnv  an environment variable that, set to anything but empty/0/false, stops them
 * @param stopConditions health signals that stop chaos while they trip ({@code http}, {@code prometheus},
 *                       {@code cloudwatch-alarm}), built by their factories
 * @param watchInterval  how often stop conditions are evaluated while a replacement is awaited
 * @param accounts       the AWS accounts chaos may touch ({@code chaos.accounts}); empty means all
 */
public record ChaosSettings(boolean enabled, ChaosOptIn optIn, int maxPerGroup, MinHealthy minHealthy,
                            Optional<ChaosWindow> window, Duration minInterval, Duration replaceTimeout, Duration settle,
                            Target target, List<String> groups, String killSwitchFile, String killSwitchEnv,
                            List<Condition> stopConditions, Duration watchInterval, List<String> accounts) {

    public static final List<String> KEYS = List.of("enabled", "opt-in", "max-per-group", "min-healthy", "window",
            "min-interval", "replace-timeout", "settle", "target", "groups", "kill-switch", "stop-conditions", "watch-interval",
            "accounts");

    /** How victims are drawn among candidates. */
    public enum Target {
        RANDOM,
        MUTATED_FIRST
    }

    public ChaosSettings {
        groups = List.copyOf(groups);
        stopConditions = List.copyOf(stopConditions);
    }

    /**
     * One entry of {@code chaos.stop-conditions}: a one-key map of the condition's kind to its settings.
     *
     * @param type     the {@link dev.phoenix.stop.StopConditionFactory} name
     * @param settings its settings
     */
    public record Condition(String type, Settings settings) {
    }

    /** Chaos off: what a config without a {@code chaos:} section means. */
    public static ChaosSettings disabled() {
        return parse(Settings.empty("chaos"));
    }

    public static ChaosSettings parse(Settings s) {
        s.requireKeys(KEYS);
        Settings optIn = s.child("opt-in").requireKeys(List.of("tag", "label"));
        Settings kill = s.child("kill-switch").requireKeys(List.of("file", "env"));
        String targetText = s.string("target", "random").toLowerCase(Locale.ROOT);
        Target target = switch (targetText) {
            case "random" -> Target.RANDOM;
            case "mutated-first" -> Target.MUTATED_FIRST;
            default -> throw s.child("target").error("expected random or mutated-first, found '" + targetText + "'");
        };
        Duration replaceTimeout = s.duration("replace-timeout", Duration.ofMinutes(10));
        if (replaceTimeout.isZero() || replaceTimeout.isNegative()) {
            throw s.child("replace-timeout").error("must be positive");
        }
        return new ChaosSettings(
                s.bool("enabled", false),
                new ChaosOptIn(optIn.string("tag", ChaosOptIn.DEFAULT_TAG), optIn.string("label", ChaosOptIn.DEFAULT_LABEL)),
                s.integer("max-per-group", 1, 0, 1000),
                MinHealthy.parse(s.child("min-healthy")),
                s.has("window") ? Optional.of(ChaosWindow.parse(s.child("window"))) : Optional.empty(),
                s.duration("min-interval", Duration.ZERO),
                replaceTimeout,
                s.duration("settle", Duration.ZERO),
                target,
                s.strings("groups"),
                kill.string("file", ""),
                kill.string("env", "PHOENIX_CHAOS_STOP"),
                conditions(s),
                positive(s, "watch-interval", Duration.ofSeconds(5)),
                accounts(s));
    }

    /** {@code chaos.accounts}: the AWS accounts chaos may touch; empty for every account. */
    private static List<String> accounts(Settings s) {
        List<String> accounts = s.strings("accounts");
        for (String id : accounts) {
            if (!id.matches("[0-9]{12}")) {
                throw s.child("accounts").error("expected twelve-digit account ids in quotes such as \"222222222222\", found '"
                        + id + "'");
            }
        }
        return List.copyOf(accounts);
    }

    /** Whether chaos may touch a member of AWS account {@code account} (null: a member of no known account). */
    public boolean coversAccount(String account) {
        return accounts.isEmpty() || (account != null && accounts.contains(account));
    }

    private static List<Condition> conditions(Settings s) {
        List<Condition> out = new java.util.ArrayList<>();
        for (Settings c : s.list("stop-conditions")) {
            if (!c.isMap() || c.keys().size() != 1) {
                throw c.error("expected a one-key map such as {http: {url: \"http://127.0.0.1:8080/health\", expect: 200}}");
            }
            String type = c.keys().iterator().next();
            Settings settings = c.child(type);
            out.add(new Condition(type, settings.isNull() ? Settings.empty(settings.path()) : settings));
        }
        return out;
    }

    private static Duration positive(Settings s, String key, Duration fallback) {
        Duration d = s.duration(key, fallback);
        if (d.isZero() || d.isNegative()) {
            throw s.child(key).error("must be positive");
        }
        return d;
    }

    /** Whether chaos may touch {@code group}. */
    public boolean covers(String group) {
        return groups.isEmpty() || groups.contains(group);
    }

    /**
     * Members that must stay in service: a percentage of the group ({@code 66%}) or a count ({@code 2}).
     *
     * @param percent true when {@code value} is a percentage
     */
    public record MinHealthy(int value, boolean percent) {

        static MinHealthy parse(Settings s) {
            if (s.isNull()) {
                return new MinHealthy(0, false);
            }
            String text = s.asString().trim();
            if (text.matches("\\d{1,3}%")) {
                int v = Integer.parseInt(text.substring(0, text.length() - 1));
                if (v > 100) {
                    throw s.error("a percentage must be at most 100%, found " + text);
                }
                return new MinHealthy(v, true);
            }
            if (text.matches("\\d{1,6}")) {
                return new MinHealthy(Integer.parseInt(text), false);
            }
            throw s.error("expected a percentage such as 66% or a member count such as 2, found '" + text + "'");
        }

        /** Members that must remain in service in a group of {@code total}. */
        public int required(int total) {
            return percent ? (int) Math.ceil(total * value / 100.0) : value;
        }

        @Override
        public String toString() {
            return percent ? value + "%" : String.valueOf(value);
        }
    }
}
