package dev.phoenix.config;

import dev.phoenix.report.Exporters;
import dev.phoenix.spi.ConfigErrors;
import dev.phoenix.spi.Settings;
import java.util.List;
import java.util.Optional;

/**
 * The {@code report:} section.
 *
 * <pre>{@code
 * report: {formats: [json, html, junit], dir: phoenix-reports, fail-under: 90}
 * }</pre>
 */
public record ReportSettings(List<String> formats, String dir, Optional<Integer> failUnder) {

    public static final List<String> KEYS = List.of("formats", "dir", "fail-under");
    public static final List<String> DEFAULT_FORMATS = List.of("json", "html", "junit");

    public ReportSettings {
        formats = List.copyOf(formats);
    }

    public static ReportSettings defaults() {
        return new ReportSettings(DEFAULT_FORMATS, "phoenix-reports", Optional.empty());
    }

    static ReportSettings parse(Settings s) {
        ConfigErrors errors = new ConfigErrors();
        errors.check(() -> s.requireKeys(KEYS));
        List<String> formats = errors.get(() -> s.has("formats") ? s.strings("formats") : DEFAULT_FORMATS, DEFAULT_FORMATS);
        for (int i = 0; i < formats.size(); i++) {
            String name = formats.get(i);
            String path = s.child("formats").path() + "[" + i + "]";
            errors.check(() -> Exporters.registry().get(name, path));
        }
        Optional<Integer> failUnder = errors.get(() -> s.has("fail-under") ? Optional.of(s.integer("fail-under", 0, 0, 100))
                : Optional.<Integer>empty(), Optional.empty());
        String dir = errors.get(() -> s.string("dir", "phoenix-reports"), "phoenix-reports");
        errors.throwIfAny();
        return new ReportSettings(formats, dir, failUnder);
    }
}
