package dev.phoenix.report;

/**
 * HTML escaping, for the HTML exporter and the {@code serve} dashboard alike: every value that
 * comes from a member or a store goes through here.
 *
 * <pre>{@code
 * "<td>" + Html.escape(member.id()) + "</td>"     // "<td>db-&lt;1&gt;</td>"
 * }</pre>
 */
public final class Html {

    private Html() {
    }

    /** HTML text and attribute escaping ({@code < > & " '}); null becomes the empty string. */
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
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
