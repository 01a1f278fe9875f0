package dev.phoenix.report;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Builds Prometheus text exposition (format 0.0.4): each family once with its HELP and TYPE,
 * then its samples; label values escaped.
 *
 * <pre>{@code
 * PrometheusText text = new PrometheusText();
 * text.family("phoenix_score", "gauge", "Scores of the latest run (0-100).")
 *     .sample("phoenix_score", Map.of("kind", "overall"), 92);
 * String body = text.toString();
 * }</pre>
 */
public final class PrometheusText {

    /** The Content-Type of this format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final StringBuilder out = new StringBuilder();
    private final Set<String> families = new HashSet<>();

    /** Starts a family; a name used twice is a programming error. */
    public PrometheusText family(String name, String type, String help) {
        if (!families.add(name)) {
            throw new IllegalStateException("metric family " + name + " written twice");
        }
        out.append("# HELP ").append(name).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        return this;
    }

    /** One sample; {@code labels} are written in their iteration order. */
    public PrometheusText sample(String name, Map<String, String> labels, double value) {
        out.append(name);
        if (!labels.isEmpty()) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, String> e : labels.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                out.append(e.getKey()).append("=\"").append(escape(e.getValue())).append('"');
            }
            out.append('}');
        }
        out.append(' ').append(number(value)).append('\n');
        return this;
    }

    public PrometheusText sample(String name, double value) {
        return sample(name, Map.of(), value);
    }

    public static String escape(String value) {
        if (value == null) {
            return "";
        }
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        // every digit the double has: a timestamp in seconds with milliseconds needs 13
        double abs = Math.abs(v);
        if (abs >= 1e-6 && abs < 1e15) {
            return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        }
        return Double.toString(v).replace('E', 'e');
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
