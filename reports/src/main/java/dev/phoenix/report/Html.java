package dev.phoenix.report;

/**
 * Markup escaping, for the HTML and JUnit XML exporters and the {@code serve} dashboard alike:
 * every value that comes from a member or a store goes through here, so one loop decides what a
 * hostile value can do to a page or a CI system's XML parser.
 *
 * <pre>{@code
 * "<td>" + Html.escape(member.id()) + "</td>"     // "<td>db-&lt;1&gt;</td>"
 * Html.escape("red\u001b[31m")                     // "red␛[31m": an ANSI escape is shown, not obeyed
 * }</pre>
 */
public final class Html {

    private Html() {
    }

    /**
     * HTML and XML 1.0 text and attribute escaping; null becomes the empty string. {@code < > & " '}
     * become references; characters that XML cannot carry and terminals obey (C0 controls other than
     * tab, line feed and carriage return, DEL) and bidirectional controls are shown as visible
     * placeholders ({@link Text#visible}).
     */
    public static String escape(Object value) {
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
                case '\'' -> out.append("&#39;");
                default -> Text.visible(c, out);
            }
        }
        return out.toString();
    }
}
