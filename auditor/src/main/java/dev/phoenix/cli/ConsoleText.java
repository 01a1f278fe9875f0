package dev.phoenix.cli;

import dev.phoenix.model.Fingerprint;

/**
 * Member-supplied text made safe and unambiguous for a terminal: control characters (ANSI and OSC
 * escape sequences, carriage returns, backspaces) and bidirectional overrides become visible
 * escapes, so that no member can clear a screen, set a window title or reverse a line; and a long
 * value is elided in the middle with its length and a digest, so that two different values never
 * print alike (full values stay in the JSON and HTML reports).
 *
 * <pre>{@code
 * ConsoleText.safe("\u001b]0;pwned\u0007")     // "\x1b]0;pwned\x07"
 * ConsoleText.value("sg-c6bcbe1822a52233f")     // printed whole
 * ConsoleText.value(longJson)                   // "{\"a\":1,\"b\"…[312 chars, sha256 3f9a1c]…\"z\":26}"
 * }</pre>
 */
final class ConsoleText {

    /** Values up to this length (a SHA-256 in hex) print whole. */
    static final int WHOLE = 64;
    private static final int HEAD = 24;
    private static final int TAIL = 16;

    private ConsoleText() {
    }

    /** {@code text} with control and bidi-control characters escaped; null becomes the empty string. */
    static String safe(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String escape = escape(c);
            if (escape != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                out.append(escape != null ? escape : String.valueOf(c));
            }
        }
        return out == null ? text : out.toString();
    }

    /** A value for the summary: whole up to {@value #WHOLE} characters, else elided in the middle with its length and digest. */
    static String value(String value) {
        if (value == null) {
            return "(none)";
        }
        if (value.length() <= WHOLE) {
            return safe(value);
        }
        return safe(value.substring(0, HEAD)) + "…[" + value.length() + " chars, sha256 "
                + Fingerprint.sha256Hex(value).substring(0, 6) + "]…" + safe(value.substring(value.length() - TAIL));
    }

    private static String escape(char c) {
        if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
            return String.format("\\x%02x", (int) c);
        }
        if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f || c == 0x061c) {
            return String.format("<U+%04X>", (int) c);
        }
        return null;
    }
}
