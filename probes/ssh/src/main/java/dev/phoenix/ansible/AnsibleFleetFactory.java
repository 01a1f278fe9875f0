package dev.phoenix.ansible;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.phoenix.fleet.Fleet;
import dev.phoenix.fleet.FleetFactory;
import dev.phoenix.fleet.FleetSpec;
import dev.phoenix.spi.ConfigException;
import dev.phoenix.spi.ProviderContext;
import dev.phoenix.spi.Settings;
import dev.phoenix.ssh.HostFleet;
import dev.phoenix.ssh.InventoryHost;
import io.vertx.core.Future;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ansible}: the hosts of an Ansible inventory (INI or YAML, with {@code group_vars/} and
 * {@code host_vars/} beside it) that a host pattern selects, reached over SSH as Ansible would:
 * {@code ansible_host}, {@code ansible_port}, {@code ansible_user} and
 * {@code ansible_ssh_private_key_file}. The inventory hostname is the member's id and name; every
 * host is mutable unless the group or the host's {@code phoenix_mutability} says otherwise.
 *
 * <pre>{@code
 * source:
 *   ansible:
 *     inventory: inventory/hosts.ini       # relative to this config
 *     pattern: "webservers:&prod:!web-3"   # default: all
 * }</pre>
 *
 * Members carry the attributes {@code groups} (comma-separated) and {@code var:<name>} for every
 * other variable, for URL templates such as {@code "http://{host}:{var:http_port}/health"}.
 */
public final class AnsibleFleetFactory implements FleetFactory {

    static final List<String> KEYS = List.of("inventory", "pattern");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Override
    public String name() {
        return "ansible";
    }

    @Override
    public List<String> keys() {
        return KEYS;
    }

    @Override
    public Fleet create(FleetSpec spec, ProviderContext ctx) {
        Settings s = spec.source().requireKeys(KEYS);
        Path inventory = spec.baseDir().resolve(s.string("inventory")).normalize();
        String patternPath = s.child("pattern").path();
        HostPattern pattern = HostPattern.parse(s.string("pattern", "all"), patternPath);
        return new HostFleet(spec.group(), "ansible", spec.mutability(), () -> ctx.blocking().executeBlocking(
                () -> hosts(inventory, pattern, s.child("inventory").path(), patternPath), false));
    }

    static List<InventoryHost> hosts(Path file, HostPattern pattern, String inventoryPath, String patternPath) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(inventoryPath, "cannot read the Ansible inventory " + file + ": no such file");
        }
        Inventory inv = read(file);
        List<InventoryHost> out = new ArrayList<>();
        for (String name : pattern.select(inv, patternPath)) {
            Map<String, String> vars = inv.variables(name);
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("groups", String.join(",", inv.groupsOf(name).stream().sorted().toList()));
            vars.forEach((k, v) -> {
                if (!k.startsWith("ansible_")) {
                    attributes.put("var:" + k, v);
                }
            });
            String port = first(vars.get("ansible_port"), vars.get("ansible_ssh_port"));
            if (port != null && !port.matches("\\d{1,5}")) {
                throw new ConfigException(file.getFileName() + ": " + name, "ansible_port '" + port + "' is not a port");
            }
            String key = vars.get("ansible_ssh_private_key_file");
            if (key != null && !key.isBlank() && !key.startsWith("~") && !Path.of(key).isAbsolute()) {
                key = file.toAbsolutePath().getParent().resolve(key).normalize().toString();
            }
            out.add(new InventoryHost(name, first(vars.get("ansible_host"), vars.get("ansible_ssh_host")),
                    port == null ? null : Integer.valueOf(port), first(vars.get("ansible_user"), vars.get("ansible_ssh_user")), key,
                    vars.get("phoenix_mutability"), attributes));
        }
        return out;
    }

    /** The inventory and the group_vars/ and host_vars/ files beside it. */
    static Inventory read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String name = file.getFileName().toString();
        Inventory inv = yaml(name, text) ? YamlInventory.parse(text, name) : IniInventory.parse(text, name);
        Path dir = file.toAbsolutePath().getParent();
        for (String g : inv.groupNames()) {
            inv.group(g).vars.putAll(varsFile(dir.resolve("group_vars"), g));
        }
        for (String h : inv.hosts()) {
            Map<String, String> vars = varsFile(dir.resolve("host_vars"), h);
            if (!vars.isEmpty()) {
                inv.addHost("all", h, vars);
                inv.group("all").hosts.remove(h);
            }
        }
        return inv;
    }

    private static boolean yaml(String name, String text) {
        if (name.endsWith(".yml") || name.endsWith(".yaml") || name.endsWith(".json")) {
            return true;
        }
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith("#") && !l.startsWith(";") && !l.equals("---")) {
                return l.matches("[A-Za-z0-9_-]+:\\s*(\\{.*)?") || l.startsWith("{");
            }
        }
        return false;
    }

    private static Map<String, String> varsFile(Path dir, String name) throws IOException {
        for (String candidate : List.of(name + ".yml", name + ".yaml", name)) {
            Path f = dir.resolve(candidate);
            if (Files.isRegularFile(f)) {
                Object v = YAML.readValue(f.toFile(), Object.class);
                Map<String, String> out = new LinkedHashMap<>();
                if (v instanceof Map<?, ?> m) {
                    m.forEach((k, val) -> {
                        if (val instanceof String || val instanceof Number || val instanceof Boolean) {
                            out.put(String.valueOf(k), String.valueOf(val));
                        }
                    });
                }
                return out;
            }
        }
        return Map.of();
    }

    private static String first(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }
}
