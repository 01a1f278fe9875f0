package dev.phoenix.probe;

import dev.phoenix.model.Member;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A URL with placeholders filled from a member's attributes: {@code {privateIp}},
 * {@code {publicDns}}, {@code {tag:Name}}, {@code {url}}, {@code {port}}.
 *
 * <pre>{@code
 * UrlTemplate.parse("http://{privateIp}:8080/config").expand(member)   // "http://10.0.1.5:8080/config"
 * }</pre>
 */
public final class UrlTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_.:-]+)}");

    private final String template;
    private final List<String> names;

    private UrlTemplate(String template, List<String> names) {
        this.template = template;
        this.names = names;
    }

    public static UrlTemplate parse(String template) {
        List<String> names = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            names.add(m.group(1));
        }
        return new UrlTemplate(template, List.copyOf(names));
    }

    public String template() {
        return template;
    }

    /** The attribute names the template needs. */
    public List<String> names() {
        return names;
    }

    /**
     * The URL for {@code member}.
     *
     * @throws IllegalArgumentException naming the attribute the member does not have
     */
    public String expand(Member member) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = member.attribute(name);
            if (value == null || value.isEmpty()) {
                throw new IllegalArgumentException("member " + member.id() + " has no attribute '" + name
                        + "' for URL template " + template + " (attributes: " + String.join(", ", member.attributes().keySet()) + ")");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The last path segment of the template, as a fact-key-safe word ({@code /config} gives {@code config}). */
    public String defaultName() {
        String path = template.replaceAll("^[a-zA-Z]+://[^/]*", "").replaceAll("[?#].*$", "");
        String[] segments = path.split("/");
        for (int i = segments.length - 1; i >= 0; i--) {
            String s = segments[i].replaceAll("\\{[^}]*}", "").replaceAll("[^A-Za-z0-9_-]", "");
            if (!s.isEmpty()) {
                return s;
            }
        }
        return "root";
    }
}
