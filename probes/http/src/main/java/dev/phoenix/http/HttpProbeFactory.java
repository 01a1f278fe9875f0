package dev.phoenix.http;

import dev.phoenix.model.FactFilter;
import dev.phoenix.probe.Probe;
import dev.phoenix.probe.UrlTemplate;
import dev.phoenix.probe.ProbeFactory;
import dev.phoenix.probe.ProbeSpec;
import dev.phoenix.spi.ConfigException;
import dev.phoenix.spi.HttpUrl;
import dev.phoenix.spi.ProviderContext;
import dev.phoenix.spi.Settings;
import java.time.Duration;
import java.util.List;

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

    @Override
    public List<String> keys() {
        return KEYS;
    }

    @Override
    public Probe create(ProbeSpec spec, ProviderContext ctx) {
        Settings s = spec.settings().requireKeys(KEYS);
        UrlTemplate url = UrlTemplate.parse(s.string("url", "{url}"));
        checkTemplate(url, s.child("url"));
        String name = s.string("name", url.defaultName());
        if (!name.matches("[A-Za-z0-9_-]+")) {
            throw s.child("name").error("must be letters, digits, '-' or '_', found '" + name + "'");
        }
        Duration timeout = s.duration("timeout", Duration.ofSeconds(5));
        if (timeout.isZero() || timeout.isNegative()) {
            throw s.child("timeout").error("must be positive");
        }
        long maxBody = s.integer("max-body", 1 << 20, 1, Integer.MAX_VALUE);
        HttpProbe.Options options = new HttpProbe.Options(name, url, s.bool("json", true), s.stringMap("headers"),
                timeout, maxBody, FactFilter.of(s.strings("ignore")), FactFilter.of(s.strings("identity")),
                s.integer("max-facts", 10_000, 1, 1_000_000));
        return new HttpProbe(options, ctx);
    }

    private static void checkTemplate(UrlTemplate url, Settings where) {
        // placeholders stand for an address, a port or a path segment: "0" is all three
        String sample = url.template().replaceAll("\\{[^}]*}", "0");
        if (sample.equals("0")) {
            return; // the whole URL comes from an attribute
        }
        try {
            HttpUrl.parse(sample, where.path(), "");
        } catch (ConfigException e) {
            throw where.error("expected an http:// or https:// URL, found '" + url.template() + "'");
        }
    }
}
