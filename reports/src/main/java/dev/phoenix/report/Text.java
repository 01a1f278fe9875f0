package dev.phoenix.report;

import java.util.Locale;

/** Character rules and short number formats shared by the exporters ({@link Html} escapes markup, {@link Markdown} Markdown). */
final class Text {

    private Text() {
    }

    /**
     * Appends {@code c}, or a visible stand-in when it is a character a reader must not obey: a C0
     * control other than tab, line feed and carriage return (the ESC of an ANSI sequence among them)
     * or DEL becomes its Unicode control picture ({@code ␛}), a bidirectional control (U+202E and the
     * like, which reorder the text around them) becomes {@code [U+202E]}, and the non-characters
     * U+FFFE and U+FFFF become U+FFFD. XML 1.0 can carry every character this leaves.
     */
    static void visible(char c, StringBuilder out) {
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
            out.append((char) (0x2400 + c));
        } else if (c == 0x7F) {
            out.append('\u2421');
        } else if (bidiControl(c)) {
            out.append("[U+").append(String.format(Locale.ROOT, "%04X", (int) c)).append(']');
        } else if (c == 0xFFFE || c == 0xFFFF) {
            out.append('\uFFFD');
        } else {
            out.append(c);
        }
    }

    /** The explicit bidirectional formatting characters (Unicode UAX #9) and the marks. */
    static boolean bidiControl(char c) {
        return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
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
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        return String.format(Locale.ROOT, "%.1f min", ms / 60000.0);
    }

    static String score(Integer value) {
        return value == null ? "n/a" : value.toString();
    }
}
