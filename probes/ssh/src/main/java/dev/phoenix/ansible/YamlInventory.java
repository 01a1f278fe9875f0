package dev.phoenix.ansible;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.phoenix.spi.ConfigException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ansible's YAML inventory format: groups (usually under {@code all}) with {@code hosts} (a map of
 * host to its variables), {@code vars} and {@code children} (a map of groups of the same shape).
 *
 * <pre>{@code
 * all:
 *   vars: {ansible_user: audit}
 *   children:
 *     webservers:
 *       hosts:
 *         web-1: {ansible_host: 127.0.0.1, ansible_port: 2201}
 * }</pre>
 */
final class YamlInventory {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private YamlInventory() {
    }

    static Inventory parse(String text, String file) {
        Object root;
        try {
            root = YAML.readValue(text, Object.class);
        } catch (IOException e) {
            throw new ConfigException(file, "not a YAML inventory: " + dev.phoenix.spi.Errors.message(e));
        }
        Inventory inv = new Inventory();
        if (root == null) {
            return inv;
        }
        if (!(root instanceof Map<?, ?> groups)) {
            throw new ConfigException(file, "a YAML inventory is a map of groups, e.g. all: {hosts: {web-1: {}}}");
        }
        groups.forEach((name, body) -> group(inv, String.valueOf(name), body, file + ": " + name));
        return inv;
    }

    private static void group(Inventory inv, String name, Object body, String where) {
        Inventory.Group g = inv.group(name);
        if (body == null) {
            return;
        }
        if (!(body instanceof Map<?, ?> map)) {
            throw new ConfigException(where, "a group is a map of hosts, vars and children");
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            switch (key) {
                case "hosts" -> {
                    if (e.getValue() instanceof Map<?, ?> hosts) {
                        hosts.forEach((h, vars) -> {
                            for (String host : IniInventory.expand(String.valueOf(h), where)) {
                                inv.addHost(name, host, strings(vars, where + ".hosts." + h));
                            }
                        });
                    } else if (e.getValue() != null) {
                        throw new ConfigException(where + ".hosts", "expected a map of host names to their variables");
                    }
                }
                case "vars" -> g.vars.putAll(strings(e.getValue(), where + ".vars"));
                case "children" -> {
                    if (e.getValue() instanceof Map<?, ?> children) {
                        children.forEach((child, childBody) -> {
                            g.children.add(String.valueOf(child));
                            group(inv, String.valueOf(child), childBody, where + ".children." + child);
                        });
                    } else if (e.getValue() != null) {
                        throw new ConfigException(where + ".children", "expected a map of groups");
                    }
                }
                default -> throw new ConfigException(where + "." + key, "unknown key '" + key + "' in a group (valid: hosts, vars, children)");
            }
        }
    }

    private static Map<String, String> strings(Object vars, String where) {
        Map<String, String> out = new LinkedHashMap<>();
        if (vars == null) {
            return out;
        }
        if (!(vars instanceof Map<?, ?> map)) {
            throw new ConfigException(where, "expected a map of variables");
        }
        map.forEach((k, v) -> {
            if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean) {
                out.put(String.valueOf(k), v == null ? "" : String.valueOf(v));
            }
        });
        return out;
    }
}
