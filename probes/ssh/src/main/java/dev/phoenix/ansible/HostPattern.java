package dev.phoenix.ansible;

import dev.phoenix.spi.ConfigException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An Ansible host pattern: terms separated by {@code :} (or {@code ,}), each a group, a host or a
 * glob over both ({@code web*}); {@code all} or {@code *} is every host. As in Ansible, the plain
 * terms are united first, then each {@code &term} intersects and each {@code !term} removes, whatever
 * their order; with no plain term the start is every host.
 *
 * <pre>{@code
 * HostPattern.parse("webservers:dbservers:&prod:!db-3", "pattern").select(inventory)
 * }</pre>
 */
final class HostPattern {

    private final String text;
    private final List<String> union;
    private final List<String> intersect;
    private final List<String> exclude;

    private HostPattern(String text, List<String> union, List<String> intersect, List<String> exclude) {
        this.text = text;
        this.union = union;
        this.intersect = intersect;
        this.exclude = exclude;
    }

    static HostPattern parse(String text, String where) {
        List<String> union = new ArrayList<>();
        List<String> intersect = new ArrayList<>();
        List<String> exclude = new ArrayList<>();
        for (String raw : text.split("[:,]")) {
            String term = raw.strip();
            if (term.isEmpty()) {
                throw new ConfigException(where, "empty term in host pattern '" + text + "'");
            }
            if (term.startsWith("~")) {
                throw new ConfigException(where, "regular-expression terms (~) are not supported in '" + text + "'; use globs");
            }
            if (term.startsWith("&")) {
                intersect.add(nonEmpty(term.substring(1), text, where));
            } else if (term.startsWith("!")) {
                exclude.add(nonEmpty(term.substring(1), text, where));
            } else {
                union.add(term);
            }
        }
        return new HostPattern(text, union, intersect, exclude);
    }

    private static String nonEmpty(String term, String text, String where) {
        if (term.isBlank()) {
            throw new ConfigException(where, "'&' or '!' without a name in host pattern '" + text + "'");
        }
        return term;
    }

    /** The hosts selected, in inventory order; fails naming a term that matches no group and no host. */
    List<String> select(Inventory inv, String where) {
        Set<String> chosen = new LinkedHashSet<>();
        if (union.isEmpty()) {
            chosen.addAll(inv.hosts());
        }
        for (String t : union) {
            chosen.addAll(term(inv, t, where));
        }
        for (String t : intersect) {
            chosen.retainAll(term(inv, t, where));
        }
        for (String t : exclude) {
            chosen.removeAll(term(inv, t, where));
        }
        List<String> ordered = new ArrayList<>();
        for (String h : inv.hosts()) {
            if (chosen.contains(h)) {
                ordered.add(h);
            }
        }
        return ordered;
    }

    private static Set<String> term(Inventory inv, String t, String where) {
        if (t.equals("all") || t.equals("*")) {
            return new LinkedHashSet<>(inv.hosts());
        }
        if (t.contains("*") || t.contains("?")) {
            Pattern glob = Pattern.compile(t.replace(".", "\\.").replace("*", ".*").replace("?", "."));
            Set<String> out = new LinkedHashSet<>();
            for (String g : inv.groupNames()) {
                if (glob.matcher(g).matches()) {
                    out.addAll(inv.hostsOf(g));
                }
            }
            for (String h : inv.hosts()) {
                if (glob.matcher(h).matches()) {
                    out.add(h);
                }
            }
            return out;
        }
        if (inv.hasGroup(t)) {
            return inv.hostsOf(t);
        }
        if (inv.hosts().contains(t)) {
            return new LinkedHashSet<>(List.of(t));
        }
        throw new ConfigException(where, "host pattern term '" + t + "' names no group and no host of the inventory"
                + dev.phoenix.spi.Suggest.didYouMean(t, inv.groupNames()));
    }

    @Override
    public String toString() {
        return text;
    }
}
