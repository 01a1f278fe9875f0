package dev.phoenix.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict parser of Prometheus text exposition 0.0.4, for tests: every line is a HELP, a TYPE or
 * a sample; TYPE comes before a family's samples and once; a family's samples are contiguous;
 * names, label syntax, escapes and values are checked; no series appears twice.
 */
public final class PrometheusTextParser {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "summary", "histogram", "untyped");

    /** One sample. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    /** The parsed text: samples in order, and each family's type. */
    public record Exposition(List<Sample> samples, Map<String, String> types) {
        public double value(String name, Map<String, String> labels) {
            return samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(labels)).findFirst()
                    .orElseThrow(() -> new AssertionError("no sample " + name + labels)).value();
        }

        public List<Sample> named(String name) {
            return samples.stream().filter(s -> s.name().equals(name)).toList();
        }
    }

    private PrometheusTextParser() {
    }

    public static Exposition parse(String text) {
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new IllegalArgumentException("the text must end with a newline");
        }
        Map<String, String> types = new LinkedHashMap<>();
        Set<String> helped = new HashSet<>();
        Set<String> closed = new HashSet<>();
        Set<String> series = new HashSet<>();
        List<Sample> samples = new ArrayList<>();
        String current = null;
        int n = 0;
        for (String line : text.split("\n", -1)) {
            n++;
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
                String[] parts = line.substring(7).split(" ", 2);
                String name = parts[0];
                require(NAME.matcher(name).matches(), n, "bad metric name '" + name + "'");
                if (line.startsWith("# TYPE ")) {
                    require(parts.length == 2 && TYPES.contains(parts[1]), n, "bad type in '" + line + "'");
                    require(!types.containsKey(name), n, "second TYPE for " + name);
                    types.put(name, parts[1]);
                } else {
                    require(helped.add(name), n, "second HELP for " + name);
                }
                if (current != null && !current.equals(name)) {
                    closed.add(current);
                }
                require(!closed.contains(name), n, "family " + name + " is not contiguous");
                current = name;
                continue;
            }
            require(!line.startsWith("#"), n, "unknown comment '" + line + "'");
            Matcher m = Pattern.compile("^(" + NAME.pattern() + ")(\\{(.*)\\})? (\\S+)( -?\\d+)?$").matcher(line);
            require(m.matches(), n, "not a sample: '" + line + "'");
            String name = m.group(1);
            Map<String, String> labels = m.group(3) == null ? Map.of() : labels(m.group(3), n);
            double value = value(m.group(4), n);
            String family = family(name, types);
            require(types.containsKey(family), n, "sample " + name + " before its TYPE");
            if (current != null && !current.equals(family)) {
                closed.add(current);
            }
            require(!closed.contains(family), n, "family " + family + " is not contiguous");
            current = family;
            require(series.add(name + labels), n, "duplicate series " + name + labels);
            samples.add(new Sample(name, labels, value));
        }
        return new Exposition(samples, types);
    }

    private static String family(String name, Map<String, String> types) {
        for (String suffix : List.of("_sum", "_count", "_bucket")) {
            if (name.endsWith(suffix)) {
                String base = name.substring(0, name.length() - suffix.length());
                String type = types.get(base);
                if ("summary".equals(type) || "histogram".equals(type)) {
                    return base;
                }
            }
        }
        return name;
    }

    private static Map<String, String> labels(String text, int n) {
        Map<String, String> labels = new HashMap<>();
        int i = 0;
        while (i < text.length()) {
            int eq = text.indexOf('=', i);
            require(eq > i, n, "bad labels '" + text + "'");
            String name = text.substring(i, eq);
            require(LABEL_NAME.matcher(name).matches(), n, "bad label name '" + name + "'");
            require(eq + 1 < text.length() && text.charAt(eq + 1) == '"', n, "label value must be quoted");
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            boolean closedQuote = false;
            while (j < text.length()) {
                char c = text.charAt(j);
                if (c == '\\') {
                    require(j + 1 < text.length(), n, "dangling escape");
                    char e = text.charAt(j + 1);
                    require(e == '\\' || e == '"' || e == 'n', n, "bad escape \\" + e);
                    value.append(e == 'n' ? '\n' : e);
                    j += 2;
                } else if (c == '"') {
                    closedQuote = true;
                    j++;
                    break;
                } else {
                    require(c != '\n', n, "newline in label value");
                    value.append(c);
                    j++;
                }
            }
            require(closedQuote, n, "unterminated label value");
            require(labels.put(name, value.toString()) == null, n, "label " + name + " twice");
            if (j < text.length()) {
                require(text.charAt(j) == ',', n, "expected ',' between labels");
                j++;
            }
            i = j;
        }
        return labels;
    }

    private static double value(String text, int n) {
        switch (text) {
            case "NaN":
                return Double.NaN;
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            default:
                require(text.matches("-?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?"), n, "bad value '" + text + "'");
                return Double.parseDouble(text);
        }
    }

    private static void require(boolean ok, int line, String message) {
        if (!ok) {
            throw new IllegalArgumentException("line " + line + ": " + message);
        }
    }
}
