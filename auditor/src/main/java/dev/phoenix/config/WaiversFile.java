package dev.phoenix.config;

import dev.phoenix.io.InputFiles;
import dev.phoenix.score.FindingPolicy;
import dev.phoenix.spi.ConfigErrors;
import dev.phoenix.spi.ConfigException;
import dev.phoenix.spi.Settings;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a waivers file ({@code report.waivers}, {@code --waivers}): findings a team accepted, for a while.
 *
 * <pre>{@code
 * waivers:
 *   - group: hosts
 *     member: "db-*"                 # member id or name glob
 *     fact: "package.openssl"        # fact glob; default "*" (any, and findings without a fact)
 *     kind: DRIFTED                  # optional
 *     justification: "patched by hand for CVE-2026-1234; image rebuild in PLAT-812"
 *     by: alice@example.com
 *     expires: 2027-01-31            # ISO date; the waiver holds through that day
 * }</pre>
 *
 * Every error of the file is reported at once, each naming its line and key.
 */
public final class WaiversFile {

    /** The keys of one waiver. */
    public static final List<String> KEYS = List.of("group", "member", "fact", "kind", "justification", "by", "expires");

    private WaiversFile() {
    }

    public static List<FindingPolicy.Waiver> load(Path file) {
        String text;
        try {
            text = InputFiles.readUtf8(file, InputFiles.CONFIG_LIMIT);
        } catch (NoSuchFileException e) {
            throw new ConfigFileException(file, "", "", "no such waivers file");
        } catch (IOException e) {
            throw new ConfigFileException(file, "", "", "cannot read the waivers file: "
                    + (e instanceof InputFiles.Refused ? e.getMessage() : InputFiles.reason(e)));
        }
        YamlTree tree = YamlTree.parse(text, file);
        ConfigErrors errors = new ConfigErrors();
        List<FindingPolicy.Waiver> out = new ArrayList<>();
        try {
            Settings root = Settings.of("", tree.root());
            if (tree.root() == null || !root.isMap()) {
                throw new ConfigException("", "expected a map with a 'waivers' list, e.g. waivers: [{group: hosts, member: \"db-*\", "
                        + "fact: \"package.*\", justification: \"...\", by: alice, expires: 2027-01-31}]");
            }
            root.requireKeys(List.of("waivers"));
            for (Settings w : root.list("waivers")) {
                errors.attempt(() -> waiver(w, file, tree)).ifPresent(out::add);
            }
        } catch (ConfigException e) {
            errors.add(e);
        }
        if (!errors.isEmpty()) {
            throw ConfigFileException.at(file, tree, errors.all());
        }
        return List.copyOf(out);
    }

    private static FindingPolicy.Waiver waiver(Settings w, Path file, YamlTree tree) {
        ConfigErrors errors = new ConfigErrors();
        errors.check(() -> w.requireKeys(KEYS));
        String group = errors.get(() -> w.string("group"), "");
        String member = errors.get(() -> w.string("member", "*"), "*");
        String fact = errors.get(() -> w.string("fact", "*"), "*");
        Optional<dev.phoenix.report.FindingKind> kind = errors.get(() -> w.has("kind") ? Optional.of(ReportSettings.kind(w.child("kind")))
                : Optional.<dev.phoenix.report.FindingKind>empty(), Optional.empty());
        String justification = errors.get(() -> nonBlank(w, "justification"), "");
        String by = errors.get(() -> nonBlank(w, "by"), "");
        LocalDate expires = errors.get(() -> {
            String text = w.string("expires").trim();
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                throw w.child("expires").error("expected an ISO date such as 2027-01-31, found '" + text + "'");
            }
        }, LocalDate.MIN);
        errors.throwIfAny();
        String line = tree.locate(w.path());
        return new FindingPolicy.Waiver(group, member, fact, kind, justification, by, expires,
                file.getFileName() + (line == null || line.isEmpty() ? "" : ":" + line));
    }

    private static String nonBlank(Settings w, String key) {
        String v = w.string(key);
        if (v.isBlank()) {
            throw w.child(key).error("must not be empty: a waiver says why and who accepted it");
        }
        return v;
    }
}
