package dev.phoenix.chaos;

import dev.phoenix.model.ChaosOptIn;
import dev.phoenix.spi.ConfigErrors;
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
 * @param target         how victims are drawn: {@code random}, {@code mutated-first} (members found
 *                       MUTATED in this run are drawn first, to prove whether the image reproduces them), or
 *                       {@code stale-first} (groups whose proof is missing or oldest go first; groups with a
 *                       fresh proof are left alone)
 * @param groups         the groups chaos may touch; empty means all
 * @param killSwitchFile a file whose existence stops new terminations at once
 * @param killSwitchEnv  an environment variable that, set to anything but empty/0/false, stops them
 * @param stopConditions health signals that stop chaos while they trip ({@code http}, {@code prometheus},
 *                       {@code cloudwatch-alarm}), built by their factories
 * @param watchInterval  how often stop conditions are evaluated while a replacement is awaited
 * @param proofTtl       how long a group's reproducibility proof holds ({@code chaos.proof-ttl}, default 7d)
 * @param verifyTwice    {@code chaos.verify: twice}: the replacement is itself replaced and the two replacements
 *                       are compared, so a boot that is not deterministic is NONDETERMINISTIC ({@code once} by default)
 * @param attestationKey {@code chaos.attestation-key}: a PKCS#8 PEM Ed25519 private key file (its public key in
 *                       {@code <file>.pub}), relative to the config file; empty for the key generated into the store
 * @param accounts       the AWS accounts chaos may touch ({@code chaos.accounts}); empty means all
 */
public record ChaosSettings(boolean enabled, ChaosOptIn optIn, int maxPerGroup, MinHealthy minHealthy,
                            Optional<ChaosWindow> window, Duration minInterval, Duration replaceTimeout, Duration settle,
                            Target target, List<String> groups, String killSwitchFile, String killSwitchEnv,
                            List<Condition> stopConditions, Duration watchInterval, Duration proofTtl,
                            boolean verifyTwice, String attestationKey, List<String> accounts) {

    public static final List<String> KEYS = List.of("enabled", "opt-in", "max-per-group", "min-healthy", "window",
            "min-interval", "replace-timeout", "settle", "target", "groups", "kill-switch", "stop-conditions", "watch-interval",
            "proof-ttl", "verify", "attestation-key", "accounts");

    /** How victims are drawn among candidates. */
    public enum Target {
        RANDOM,
        MUTATED_FIRST,
        STALE_FIRST
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

    /** The longest {@code replace-timeout}: a replacement that takes longer than a day is not coming. */
    public static final Duration MAX_REPLACE_TIMEOUT = Duration.ofDays(1);
    /** The longest {@code settle}. */
    public static final Duration MAX_SETTLE = Duration.ofHours(1);
    /** The longest {@code min-interval}. */
    public static final Duration MAX_MIN_INTERVAL = Duration.ofDays(365);

    /** Parses the section; every error in it is reported (one {@link dev.phoenix.spi.ConfigException} gathering them). */
    public static ChaosSettings parse(Settings s) {
        ConfigErrors errors = new ConfigErrors();
        errors.check(() -> s.requireKeys(KEYS));
        ChaosOptIn optIn = errors.get(() -> {
            Settings o = s.child("opt-in").requireKeys(List.of("tag", "label"));
            return new ChaosOptIn(o.string("tag", ChaosOptIn.DEFAULT_TAG), o.string("label", ChaosOptIn.DEFAULT_LABEL));
        }, null);
        Settings kill = s.child("kill-switch");
        errors.check(() -> kill.requireKeys(List.of("file", "env")));
        Target target = errors.get(() -> {
            String targetText = s.string("target", "random").toLowerCase(Locale.ROOT);
            return switch (targetText) {
                case "random" -> Target.RANDOM;
                case "mutated-first" -> Target.MUTATED_FIRST;
                case "stale-first" -> Target.STALE_FIRST;
                default -> throw s.child("target").error("expected random, mutated-first or stale-first, found '" + targetText + "'");
            };
        }, Target.RANDOM);
        ChaosSettings parsed = new ChaosSettings(
                errors.get(() -> s.bool("enabled", false), false),
                optIn,
                errors.get(() -> s.integer("max-per-group", 1, 0, 1000), 1),
                errors.get(() -> MinHealthy.parse(s.child("min-healthy")), null),
                errors.get(() -> s.has("window") ? Optional.of(ChaosWindow.parse(s.child("window"))) : Optional.<ChaosWindow>empty(),
                        Optional.empty()),
                errors.get(() -> s.duration("min-interval", Duration.ZERO, Duration.ZERO, MAX_MIN_INTERVAL), Duration.ZERO),
                errors.get(() -> s.duration("replace-timeout", Duration.ofMinutes(10), Duration.ofMillis(1), MAX_REPLACE_TIMEOUT), null),
                errors.get(() -> s.duration("settle", Duration.ZERO, Duration.ZERO, MAX_SETTLE), Duration.ZERO),
                target,
                errors.get(() -> s.strings("groups"), List.of()),
                errors.get(() -> kill.string("file", ""), ""),
                errors.get(() -> kill.string("env", "PHOENIX_CHAOS_STOP"), ""),
                errors.get(() -> conditions(s), List.of()),
                errors.get(() -> s.duration("watch-interval", Duration.ofSeconds(5), Duration.ofMillis(10), Duration.ofHours(1)),
                        Duration.ofSeconds(5)),
                errors.get(() -> s.duration("proof-ttl", Duration.ofDays(7), Duration.ofMinutes(1), Duration.ofDays(3650)),
                        Duration.ofDays(7)),
                errors.get(() -> verify(s), false),
                errors.get(() -> s.string("attestation-key", ""), ""),
                errors.get(() -> accounts(s), List.of()));
        errors.throwIfAny();
        return parsed;
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

    private static boolean verify(Settings s) {
        String text = s.string("verify", "once").toLowerCase(Locale.ROOT);
        return switch (text) {
            case "once" -> false;
            case "twice" -> true;
            default -> throw s.child("verify").error("expected once or twice, found '" + text + "'");
        };
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
            if (text.matches("\\d+%?")) {
                throw s.error("must be a percentage up to 100% or a member count up to 999999, found " + text);
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
