package dev.phoenix.ssh;

import dev.phoenix.fleet.Fleet;
import dev.phoenix.fleet.FleetFactory;
import dev.phoenix.fleet.FleetSpec;
import dev.phoenix.model.Mutability;
import dev.phoenix.spi.ConfigException;
import dev.phoenix.spi.ProviderContext;
import dev.phoenix.spi.Settings;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ssh}: hosts reached over SSH, listed in config or in a file. Mutable unless configured otherwise.
 *
 * <pre>{@code
 * source:
 *   ssh:
 *     hosts:
 *       - {name: db-1, host: db-1.internal, port: 22, user: audit, identity: ~/.ssh/audit_ed25519}
 *       - audit@db-2.internal:2222           # [user@]host[:port]; the name is the host
 *     file: hosts.txt                        # one host a line: [name] [user@]host[:port]; '#' starts a comment
 * }</pre>
 */
public final class SshFleetFactory implements FleetFactory {

    static final List<String> KEYS = List.of("hosts", "file");
    static final List<String> HOST_KEYS = List.of("name", "host", "port", "user", "identity", "mutability", "attributes");
    private static final Pattern ADDRESS = Pattern.compile("(?:([A-Za-z0-9._-]+)@)?([A-Za-z0-9._-]+|\\[[0-9A-Fa-f:.]+])(?::(\\d{1,5}))?");

    @Override
    public String name() {
        return "ssh";
    }

    @Override
    public List<String> keys() {
        return KEYS;
    }

    @Override
    public Fleet create(FleetSpec spec, ProviderContext ctx) {
        Settings s = spec.source().requireKeys(KEYS);
        List<InventoryHost> listed = new ArrayList<>();
        for (Settings h : s.list("hosts")) {
            listed.add(h.isScalar() ? parse(h.asString(), null, h) : fromMap(h, spec.baseDir()));
        }
        Optional<Path> file = s.optionalString("file").map(f -> spec.baseDir().resolve(f));
        if (listed.isEmpty() && file.isEmpty()) {
            throw s.error("an ssh source needs 'hosts' or 'file'");
        }
        Settings fileSetting = s.child("file");
        return new HostFleet(spec.group(), "ssh", spec.mutability(), () -> file.isEmpty() ? Future.succeededFuture(listed)
                : ctx.vertx().fileSystem().readFile(file.get().toString())
                        .recover(e -> Future.failedFuture(new ConfigException(fileSetting.path(), "cannot read host file " + file.get()
                                + ": " + e.getMessage())))
                        .compose(text -> ctx.blocking().executeBlocking(() -> merge(listed, text.toString(), file.get()), false)));
    }

    private static List<InventoryHost> merge(List<InventoryHost> listed, String text, Path file) {
        Map<String, InventoryHost> byName = new LinkedHashMap<>();
        listed.forEach(h -> byName.put(h.name(), h));
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].replaceFirst("#.*", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] words = line.split("\\s+");
            Settings where = Settings.of(file.getFileName() + ":" + (i + 1), line);
            if (words.length > 2) {
                throw where.error("expected [name] [user@]host[:port], found '" + line + "'");
            }
            InventoryHost h = words.length == 2 ? parse(words[1], words[0], where) : parse(words[0], null, where);
            byName.putIfAbsent(h.name(), h);
        }
        return List.copyOf(byName.values());
    }

    /** {@code [user@]host[:port]}. */
    static InventoryHost parse(String address, String name, Settings where) {
        Matcher m = ADDRESS.matcher(address);
        if (!m.matches()) {
            throw where.error("expected [user@]host[:port], found '" + address + "'");
        }
        String host = m.group(2).startsWith("[") ? m.group(2).substring(1, m.group(2).length() - 1) : m.group(2);
        return new InventoryHost(name == null ? host : name, host, m.group(3) == null ? null : port(m.group(3), where), m.group(1),
                null, null, Map.of());
    }

    private static InventoryHost fromMap(Settings h, Path baseDir) {
        h.requireKeys(HOST_KEYS);
        String host = h.string("host", null);
        String name = h.string("name", host);
        if (name == null) {
            throw h.error("a host needs 'host' (and optionally 'name')");
        }
        h.optionalString("mutability").ifPresent(v -> {
            if (Mutability.parse(v).isEmpty()) {
                throw h.child("mutability").error("expected mutable or immutable, found '" + v + "'");
            }
        });
        Integer port = h.has("port") ? h.integer("port", 22, 1, 65535) : null;
        String identity = h.string("identity", null);
        if (identity != null && !identity.startsWith("~")) {
            identity = baseDir.resolve(identity).normalize().toString();
        }
        return new InventoryHost(name, host, port, h.string("user", null), identity, h.string("mutability", null),
                h.stringMap("attributes"));
    }

    private static int port(String text, Settings where) {
        int p = Integer.parseInt(text);
        if (p < 1 || p > 65535) {
            throw where.error("port must be between 1 and 65535, found " + p);
        }
        return p;
    }
}
