package dev.phoenix.docker;

import dev.phoenix.model.FactFilter;
import dev.phoenix.model.Fingerprint;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Decides which environment variables hold secrets and what is recorded for them instead of the
 * value. A variable is secret when its name contains one of the {@link #DEFAULT_WORDS} (any case)
 * or matches a configured glob, or when its value carries credentials in a URL
 * ({@code postgres://user:pass@db}). Secret values are never stored in clear: by default as a
 * SHA-256 digest (changes are still detected), or, with {@code secrets: presence}, only as
 * {@code (set)}.
 *
 * <pre>{@code
 * SecretEnv.defaults().record("DB_PASSWORD", "hunter2")   // "sha256:f52fbd32b2b3b86f..."
 * SecretEnv.defaults().record("LOG_LEVEL", "info")        // "info"
 * }</pre>
 */
final class SecretEnv {

    /** Words that make a variable name secret-looking. */
    static final List<String> DEFAULT_WORDS = List.of("PASSWORD", "PASSWD", "PASS", "SECRET", "TOKEN", "KEY", "CREDENTIAL",
            "PRIVATE", "AUTH", "CERT", "SALT", "COOKIE", "SESSION", "SIGNATURE", "DSN");

    private static final Pattern URL_CREDENTIALS = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://[^/@\\s:]+:[^/@\\s]+@");

    /** How a secret value is recorded. */
    enum Mode {
        HASH,
        PRESENCE
    }

    private final FactFilter extra;
    private final Mode mode;

    SecretEnv(List<String> extraGlobs, Mode mode) {
        this.extra = FactFilter.of(extraGlobs);
        this.mode = mode;
    }

    static SecretEnv defaults() {
        return new SecretEnv(List.of(), Mode.HASH);
    }

    boolean secret(String name, String value) {
        String upper = name.toUpperCase(Locale.ROOT);
        for (String word : DEFAULT_WORDS) {
            if (upper.contains(word)) {
                return true;
            }
        }
        return extra.matches(name) || (value != null && URL_CREDENTIALS.matcher(value).find());
    }

    /** The value to record for {@code name}. */
    String record(String name, String value) {
        if (!secret(name, value)) {
            return value;
        }
        return mode == Mode.PRESENCE ? "(set)" : "sha256:" + Fingerprint.sha256Hex(name + "=" + value);
    }

    /** {@code NAME=value} lines split; a line without '=' is a variable with an empty value. */
    static List<String[]> parse(String[] env) {
        List<String[]> out = new ArrayList<>();
        if (env == null) {
            return out;
        }
        for (String line : env) {
            int eq = line.indexOf('=');
            out.add(eq < 0 ? new String[] {line, ""} : new String[] {line.substring(0, eq), line.substring(eq + 1)});
        }
        return out;
    }
}
