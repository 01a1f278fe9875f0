package dev.phoenix.report;

/**
 * XML escaping and short number formats for the exporters ({@link Html} escapes HTML). Every
 * value that comes from a member goes through here.
 */
final class Text {

    private Text() {
    }

    /** XML 1.0 escaping; characters XML cannot carry become U+FFFD. */
    static String xml(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    boolean allowed = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF)
                            || Character.isSurrogate(c) || (c >= 0xE000 && c <= 0xFFFD);
                    out.append(allowed ? c : '\uFFFD');
                }
            }
        }
        return out.toString();
    }

    /** Milliseconds as a short human duration. */
    static String millis(Long ms) {
        if (ms == null) {
            return "";
        }
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 120_000) {
            return String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        return String.format(java.util.Locale.ROOT, "%.1f min", ms / 60000.0);
    }

    static String score(Integer value) {
        return value == null ? "n/a" : value.toString();
    }
}
