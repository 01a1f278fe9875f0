package dev.phoenix.ssh.collect;

import dev.phoenix.spi.Settings;
import dev.phoenix.spi.Suggest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code collectors:} list of an ssh probe, parsed: a bare name, or a name with its settings.
 *
 * <pre>{@code
 * collectors:
 *   - os
 *   - packages
 *   - {files: [/etc/app.conf, "/etc/app.d/*"]}
 *   - {services: [nginx, cron]}
 *   - {sysctl: [net.ipv4.ip_forward, "vm."]}
 *   - users
 *   - groups
 *   - ports
 *   - mounts
 *   - cron
 *   - {command: {name: app-version, run: "app --version", stdout: text}}
 * }</pre>
 */
public final class Collectors {

    /** Every built-in collector. */
    public static final List<String> NAMES = List.of("os", "packages", "files", "services", "users", "groups", "ports", "sysctl",
            "mounts", "cron", "command");

    /** What a probe collects when the config names no collectors. */
    public static final List<String> DEFAULTS = List.of("os", "packages", "services", "users", "groups");

    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z0-9_-]+");

    private Collectors() {
    }

    /** The collectors of {@code node} (a list; absent: {@link #DEFAULTS}); a config error names the entry at fault. */
    public static List<Collector> parse(Settings node) {
        List<Collector> out = new ArrayList<>();
        if (node.isNull()) {
            for (String name : DEFAULTS) {
                out.add(create(name, Settings.of(node.path(), null)));
            }
            return out;
        }
        Set<String> seen = new HashSet<>();
        for (Settings entry : node.elements()) {
            String name;
            Settings args;
            if (entry.isScalar()) {
                name = entry.asString();
                args = Settings.of(entry.path(), null);
            } else if (entry.isMap() && entry.keys().size() == 1) {
                name = entry.keys().iterator().next();
                args = entry.child(name);
            } else {
                throw entry.error("expected a collector name or {name: settings}, e.g. os or {files: [/etc/app.conf]}");
            }
            if (!NAMES.contains(name)) {
                throw entry.error("unknown collector '" + name + "'" + Suggest.didYouMean(name, NAMES) + "; valid: " + String.join(", ", NAMES));
            }
            Collector c = create(name, args);
            if (!seen.add(c.name())) {
                throw entry.error("collector '" + c.name() + "' is listed twice");
            }
            out.add(c);
        }
        if (out.isEmpty()) {
            throw node.error("lists no collector (valid: " + String.join(", ", NAMES) + ")");
        }
        return List.copyOf(out);
    }

    private static Collector create(String name, Settings args) {
        return switch (name) {
            case "os" -> bare(args, SystemCollectors.os());
            case "packages" -> bare(args, PackageCollector.create());
            case "users" -> bare(args, SystemCollectors.users());
            case "groups" -> bare(args, SystemCollectors.groups());
            case "ports" -> bare(args, SystemCollectors.ports());
            case "mounts" -> bare(args, SystemCollectors.mounts());
            case "cron" -> bare(args, CronCollector.create());
            case "services" -> ServiceCollector.create(Shell.check(args, ServiceCollector.UNIT, "unit name"));
            case "files" -> {
                List<String> paths = Shell.check(args, FileCollector.PATH, "absolute path or glob");
                if (paths.isEmpty()) {
                    throw args.error("files needs paths or globs, e.g. {files: [/etc/app.conf, \"/etc/app.d/*\"]}");
                }
                yield FileCollector.create(paths);
            }
            case "sysctl" -> {
                List<String> keys = Shell.check(args, SysctlCollector.KEY, "sysctl key or prefix");
                if (keys.isEmpty()) {
                    throw args.error("sysctl needs keys or prefixes, e.g. {sysctl: [net.ipv4.ip_forward, \"vm.\"]}");
                }
                yield SysctlCollector.create(keys);
            }
            default -> command(args);
        };
    }

    private static Collector bare(Settings args, Collector c) {
        if (!args.isNull()) {
            throw args.error("collector " + c.name() + " takes no settings");
        }
        return c;
    }

    private static Collector command(Settings args) {
        if (!args.isMap()) {
            throw args.error("command needs {name: ..., run: ...}, e.g. {command: {name: app-version, run: \"app --version\"}}");
        }
        args.requireKeys(List.of("name", "run", "stdout"));
        String name = args.string("name");
        if (!NAME.matcher(name).matches()) {
            throw args.child("name").error("must be letters, digits, '-' or '_', found '" + name + "'");
        }
        String run = args.string("run");
        if (run.isBlank()) {
            throw args.child("run").error("must not be empty");
        }
        String stdout = args.string("stdout", "sha256").toLowerCase(Locale.ROOT);
        if (!stdout.equals("sha256") && !stdout.equals("text")) {
            throw args.child("stdout").error("expected sha256 or text, found '" + stdout + "'");
        }
        return CommandCollector.create(name, run, stdout.equals("text"));
    }
}
