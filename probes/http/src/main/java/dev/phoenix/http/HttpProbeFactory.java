package dev.phoenix.http;

import dev.phoenix.model.FactFilter;
import dev.phoenix.probe.Probe;
import dev.phoenix.probe.UrlTemplate;
import dev.phoenix.probe.ProbeFactory;
import dev.phoenix.probe.ProbeSpec;
import dev.phoenix.spi.ConfigErrors;
import dev.phoenix.spi.ConfigException;
import dev.phoenix.spi.HttpUrl;
import dev.phoenix.spi.ProviderContext;
import dev.phoenix.spi.Settings;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code http}: fetches a URL built from the member's attributes and turns the response into
 * facts.
 *
 * <pre>{@code
 * probes:
 *   - http                                   # GET {url}, JSON
 *   - {http: {url: "http://{privateIp}:8080/config", json: true, ignore: [uptime], identity: [hostname]}}
 * }</pre>
 */
public final class HttpProbeFactory implements ProbeFactory {

    static final List<String> KEYS = List.of("url", "name", "json", "headers", "timeout", "max-body",
            "ignore", "identity", "max-facts");

    @Override
    public String name() {
        return "http";
    }

    /** The longest {@code timeout} of one HTTP probe call. */
    public static final Duration MAX_TIMEOUT = Duration.ofHours(1);

    @Override
    public List<String> keys() {
        return KEYS;
    }

    @Override
    public Probe create(ProbeSpec spec, ProviderContext ctx) {
        Settings s = spec.settings();
        ConfigErrors errors = new ConfigErrors();
        errors.check(() -> s.requireKeys(KEYS));
        UrlTemplate url = errors.get(() -> {
            UrlTemplate template = UrlTemplate.parse(s.string("url", "{url}"));
            checkTemplate(template, s.child("url"));
            return template;
        }, UrlTemplate.parse("{url}"));
        String name = errors.get(() -> {
            String text = s.string("name", url.defaultName());
            if (!text.matches("[A-Za-z0-9_-]+")) {
                throw s.child("name").error("must be letters, digits, '-' or '_', found '" + text + "'");
            }
            return text;
        }, "probe");
        HttpProbe.Options options = new HttpProbe.Options(name, url,
                errors.get(() -> s.bool("json", true), true),
                errors.get(() -> headers(s), Map.of()),
                errors.get(() -> s.duration("timeout", Duration.ofSeconds(5), Duration.ofMillis(1), MAX_TIMEOUT), Duration.ofSeconds(5)),
                errors.get(() -> s.longInteger("max-body", 1 << 20, 1, Integer.MAX_VALUE), 1L << 20),
                errors.get(() -> FactFilter.of(s.strings("ignore")), FactFilter.of(List.of())),
                errors.get(() -> FactFilter.of(s.strings("identity")), FactFilter.of(List.of())),
                errors.get(() -> s.integer("max-facts", 10_000, 1, 1_000_000), 10_000));
        errors.throwIfAny();
        return new HttpProbe(options, ctx);
    }

    /** Request headers: names are HTTP tokens, values hold no CR, LF or other control characters (no header injection). */
    static Map<String, String> headers(Settings s) {
        Map<String, String> headers = s.stringMap("headers");
        ConfigErrors errors = new ConfigErrors();
        for (Map.Entry<String, String> h : headers.entrySet()) {
            Settings where = s.child("headers").child(h.getKey());
            if (!h.getKey().matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                errors.add(where.error("not a valid header name: letters, digits and !#$%&'*+-.^_`|~ only"));
            }
            if (h.getValue().chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
                errors.add(where.error("a header value must not contain CR, LF or other control characters"));
            }
        }
        errors.throwIfAny();
        return headers;
    }

    private static void checkTemplate(UrlTemplate url, Settings where) {
        // placeholders stand for an address, a port or a path segment: "1" is all three (and a port in range)
        String sample = url.template().replaceAll("\\{[^}]*}", "1");
        if (sample.equals("1")) {
            return; // the whole URL comes from an attribute
        }
        java.net.URI uri;
        try {
            uri = HttpUrl.syntax(sample, where.path(), "");
        } catch (ConfigException e) {
            throw where.error("expected an http:// or https:// URL, found '" + url.template() + "'");
        }
        HttpUrl.checkPort(uri, where.path());
    }
}
