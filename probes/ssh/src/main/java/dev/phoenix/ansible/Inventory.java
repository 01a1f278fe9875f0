package dev.phoenix.ansible;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An Ansible inventory as parsed from INI or YAML: groups with their hosts, children and
 * variables, and host variables. {@code all} holds every host, {@code ungrouped} those in no other
 * group, as Ansible has them.
 *
 * <pre>{@code
 * Inventory inv = IniInventory.parse(text, "hosts.ini");
 * inv.hostsOf("webservers");          // [web-1, web-2], children included
 * inv.variables("web-1");             // all:vars, then parent groups', child groups', the host's own
 * }</pre>
 */
final class Inventory {

    /** One group: its direct hosts, child groups and variables. */
    static final class Group {
        final String name;
        final Set<String> hosts = new LinkedHashSet<>();
        final Set<String> children = new LinkedHashSet<>();
        final Map<String, String> vars = new LinkedHashMap<>();

        Group(String name) {
            this.name = name;
        }
    }

    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> hostVars = new LinkedHashMap<>();

    Inventory() {
        group("all");
        group("ungrouped");
    }

    Group group(String name) {
        return groups.computeIfAbsent(name, Group::new);
    }

    void addHost(String group, String host, Map<String, String> vars) {
        group(group).hosts.add(host);
        hostVars.computeIfAbsent(host, h -> new LinkedHashMap<>()).putAll(vars);
    }

    boolean hasGroup(String name) {
        return groups.containsKey(name);
    }

    Set<String> groupNames() {
        return groups.keySet();
    }

    /** Every host, in the order first seen. */
    List<String> hosts() {
        return new ArrayList<>(hostVars.keySet());
    }

    /** The hosts of {@code group} and of its children, transitively; every host for {@code all}. */
    Set<String> hostsOf(String group) {
        if (group.equals("all")) {
            return new LinkedHashSet<>(hostVars.keySet());
        }
        if (group.equals("ungrouped")) {
            Set<String> out = new LinkedHashSet<>(hostVars.keySet());
            for (Group g : groups.values()) {
                if (!g.name.equals("all") && !g.name.equals("ungrouped")) {
                    out.removeAll(g.hosts);
                }
            }
            return out;
        }
        Set<String> out = new LinkedHashSet<>();
        collect(group, out, new LinkedHashSet<>());
        return out;
    }

    private void collect(String group, Set<String> out, Set<String> visiting) {
        Group g = groups.get(group);
        if (g == null || !visiting.add(group)) {
            return;
        }
        out.addAll(g.hosts);
        for (String child : g.children) {
            collect(child, out, visiting);
        }
    }

    /** The groups {@code host} belongs to (directly or through children), {@code all} and {@code ungrouped} left out. */
    List<String> groupsOf(String host) {
        List<String> out = new ArrayList<>();
        for (String g : groups.keySet()) {
            if (!g.equals("all") && !g.equals("ungrouped") && hostsOf(g).contains(host)) {
                out.add(g);
            }
        }
        return out;
    }

    /**
     * The host's variables as Ansible merges them: {@code all}'s, then each group's from parents to
     * children (a deeper group wins), then the host's own.
     */
    Map<String, String> variables(String host) {
        Map<String, String> out = new LinkedHashMap<>(group("all").vars);
        List<String> mine = groupsOf(host);
        mine.sort(java.util.Comparator.comparingInt(this::depth));
        for (String g : mine) {
            out.putAll(groups.get(g).vars);
        }
        out.putAll(hostVars.getOrDefault(host, Map.of()));
        return out;
    }

    /** How many parents deep a group is (a top-level group: 0). */
    private int depth(String group) {
        return depth(group, 0);
    }

    private int depth(String group, int guard) {
        if (guard > 32) {
            return 0;
        }
        int best = 0;
        for (Group g : groups.values()) {
            if (!g.name.equals("all") && g.children.contains(group)) {
                best = Math.max(best, 1 + depth(g.name, guard + 1));
            }
        }
        return best;
    }
}
