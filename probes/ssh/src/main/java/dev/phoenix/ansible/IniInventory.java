package dev.phoenix.ansible;

import dev.phoenix.spi.ConfigException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ansible's INI inventory format: {@code [group]} sections of hosts with {@code key=value}
 * variables, {@code [group:vars]} and {@code [group:children]}, hosts before any section in
 * {@code ungrouped}, and host ranges such as {@code web-[01:20]} or {@code db-[a:c]}.
 *
 * <pre>{@code
 * [webservers]
 * web-[1:2] ansible_host=127.0.0.1
 * [webservers:vars]
 * ansible_user=audit
 * [prod:children]
 * webservers
 * }</pre>
 */
final class IniInventory {

    private static final Pattern SECTION = Pattern.compile("\\[([^\\]:]+)(?::(vars|children))?]");
    private static final Pattern RANGE = Pattern.compile("\\[([0-9]+|[a-z]):([0-9]+|[a-z])(?::([0-9]+))?]");

    private IniInventory() {
    }

    /** @param file the file's name, for errors ({@code hosts.ini:12}) */
    static Inventory parse(String text, String file) {
        Inventory inv = new Inventory();
        String group = "ungrouped";
        String kind = "hosts";
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            String where = file + ":" + (i + 1);
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            Matcher section = SECTION.matcher(line);
            if (section.matches()) {
                group = section.group(1).strip();
                kind = section.group(2) == null ? "hosts" : section.group(2);
                inv.group(group);
                continue;
            }
            switch (kind) {
                case "vars" -> {
                    int eq = line.indexOf('=');
                    if (eq <= 0) {
                        throw new ConfigException(where, "expected key=value in [" + group + ":vars], found '" + line + "'");
                    }
                    inv.group(group).vars.put(line.substring(0, eq).strip(), unquote(line.substring(eq + 1).strip()));
                }
                case "children" -> {
                    inv.group(line);
                    inv.group(group).children.add(line);
                }
                default -> {
                    List<String> words = words(line, where);
                    Map<String, String> vars = new LinkedHashMap<>();
                    for (String w : words.subList(1, words.size())) {
                        int eq = w.indexOf('=');
                        if (eq <= 0) {
                            throw new ConfigException(where, "expected key=value after the host name, found '" + w + "'");
                        }
                        vars.put(w.substring(0, eq), unquote(w.substring(eq + 1)));
                    }
                    for (String host : expand(words.get(0), where)) {
                        inv.addHost(group, host, vars);
                    }
                }
            }
        }
        return inv;
    }

    /** Splits on blanks, keeping quoted values whole. */
    private static List<String> words(String line, String where) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                cur.append(c);
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                cur.append(c);
            } else if (c == '#' && cur.length() == 0) {
                break;
            } else if (Character.isWhitespace(c)) {
                if (cur.length() > 0) {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
            } else {
                cur.append(c);
            }
        }
        if (quote != 0) {
            throw new ConfigException(where, "unterminated quote in '" + line + "'");
        }
        if (cur.length() > 0) {
            out.add(cur.toString());
        }
        return out;
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }

    /** {@code web-[01:03]} gives web-01, web-02, web-03 (leading zeros kept); {@code [a:c]} letters. */
    static List<String> expand(String pattern, String where) {
        Matcher m = RANGE.matcher(pattern);
        if (!m.find()) {
            return List.of(pattern);
        }
        String head = pattern.substring(0, m.start());
        String tail = pattern.substring(m.end());
        String from = m.group(1);
        String to = m.group(2);
        int step = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
        List<String> out = new ArrayList<>();
        if (Character.isDigit(from.charAt(0)) != Character.isDigit(to.charAt(0)) || step < 1) {
            throw new ConfigException(where, "not a host range: " + pattern);
        }
        if (Character.isDigit(from.charAt(0))) {
            int a = Integer.parseInt(from);
            int b = Integer.parseInt(to);
            if (b < a || b - a > 100_000) {
                throw new ConfigException(where, "not a host range: " + pattern);
            }
            String format = from.length() > 1 && from.startsWith("0") ? "%0" + from.length() + "d" : "%d";
            for (int i = a; i <= b; i += step) {
                out.addAll(expand(head + String.format(format, i) + tail, where));
            }
        } else {
            for (char c = from.charAt(0); c <= to.charAt(0); c += (char) step) {
                out.addAll(expand(head + c + tail, where));
            }
        }
        return out;
    }
}
