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
    /** The text around the placeholders: {@code literals[i]} comes before {@code names[i]}, the last one after all. */
    private final String[] literals;

    private UrlTemplate(String template, List<String> names, String[] literals) {
        this.template = template;
        this.names = names;
        this.literals = literals;
    }

    public static UrlTemplate parse(String template) {
        List<String> names = new ArrayList<>();
        List<String> literals = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(template);
        int end = 0;
        while (m.find()) {
            literals.add(template.substring(end, m.start()));
            names.add(m.group(1));
            end = m.end();
        }
        literals.add(template.substring(end));
        return new UrlTemplate(template, List.copyOf(names), literals.toArray(new String[0]));
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
        if (names.isEmpty()) {
            return template;
        }
        StringBuilder out = new StringBuilder(template.length() + 32);
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            String value = member.attribute(name);
            if (value == null || value.isEmpty()) {
                throw new IllegalArgumentException("member " + member.id() + " has no attribute '" + name
                        + "' for URL template " + template + " (attributes: " + String.join(", ", member.attributes().keySet()) + ")");
            }
            out.append(literals[i]).append(value);
        }
        out.append(literals[names.size()]);
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
