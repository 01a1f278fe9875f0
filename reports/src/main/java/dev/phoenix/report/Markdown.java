package dev.phoenix.report;

import java.nio.charset.StandardCharsets;

/**
 * Markdown for the {@code markdown} exporter: escaping of member-supplied values and table rows
 * that no value can break, written into a byte budget.
 *
 * <pre>{@code
 * Markdown md = new Markdown(1 << 20);
 * md.line("## Findings");
 * md.header("Member", "Fact");
 * md.row(Markdown.text("web|1"), Markdown.text("**x**"));   // "| web\|1 | \*\*x\*\* |"
 * }</pre>
 */
final class Markdown {

    /** Longest value shown in a cell, in characters; the scorecard has the whole value. */
    static final int CELL = 200;

    private final StringBuilder out = new StringBuilder();
    private long bytes;
    private final long limit;

    Markdown(long limit) {
        this.limit = limit;
    }

    /**
     * A value as inert Markdown text: Markdown punctuation is backslash-escaped, {@code < > &}
     * become references (no HTML passes), a pipe cannot end a table cell, a line break becomes
     * {@code <br>}, {@code @} cannot mention anyone, controls and bidi overrides are shown
     * ({@link Text#visible}); longer than {@value #CELL} characters, it is clipped with an ellipsis.
     */
    static String text(Object value) {
        if (value == null) {
            return "";
        }
        String s = ReportView.clip(value.toString(), CELL);
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                // inline punctuation; - + . only start blocks, and a value never starts a line here
                case '\\', '`', '*', '_', '[', ']', '(', ')', '#', '!', '~', '|', '$', '{', '}', ':' -> b.append('\\').append(c);
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '@' -> b.append("@&#8203;");
                case '\n' -> b.append("<br>");
                case '\r' -> {
                    if (i + 1 == s.length() || s.charAt(i + 1) != '\n') {
                        b.append("<br>");
                    }
                }
                default -> Text.visible(c, b);
            }
        }
        return b.toString();
    }

    /** Whether {@code chunk} fits in what is left of the budget after {@code reserve} bytes. */
    boolean fits(String chunk, long reserve) {
        return bytes + utf8(chunk) + reserve <= limit;
    }

    Markdown line(String line) {
        return append(line + "\n");
    }

    Markdown append(String chunk) {
        out.append(chunk);
        bytes += utf8(chunk);
        return this;
    }

    /** A table's header row and its delimiter row. */
    Markdown header(String... columns) {
        append(row(columns));
        return line("|" + " --- |".repeat(columns.length));
    }

    /** One table row of cells that are Markdown already ({@link #text}). */
    static String row(String... cells) {
        StringBuilder b = new StringBuilder("|");
        for (String cell : cells) {
            b.append(' ').append(cell.isEmpty() ? " " : cell).append(" |");
        }
        return b.append('\n').toString();
    }

    long bytes() {
        return bytes;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    static long utf8(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    byte[] toBytes() {
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
