package dev.phoenix.inventory;

import dev.phoenix.fleet.Fleet;
import dev.phoenix.fleet.FleetFactory;
import dev.phoenix.fleet.FleetSpec;
import dev.phoenix.model.ChaosOptIn;
import dev.phoenix.model.Member;
import dev.phoenix.model.MemberKind;
import dev.phoenix.model.Mutability;
import dev.phoenix.spi.ConfigErrors;
import dev.phoenix.spi.HttpUrl;
import dev.phoenix.spi.ProviderContext;
import dev.phoenix.spi.Settings;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code static}: a fixed inventory of hosts, listed in config or in a file of URLs (one per
 * line, as given to curl). Hosts are mutable unless configured otherwise and cannot be replaced.
 *
 * <pre>{@code
 * source:
 *   static:
 *     hosts:
 *       - {id: db-1, url: "http://127.0.0.1:9001/state", attributes: {role: db}}
 *       - http://127.0.0.1:9002/state          # id derived from the URL: 127.0.0.1:9002
 *     file: fleet-urls.txt                     # more hosts, one URL per line; '#' starts a comment
 * }</pre>
 */
public final class StaticFleetFactory implements FleetFactory {

    static final List<String> KEYS = List.of("hosts", "file", "kind");
    static final List<String> HOST_KEYS = List.of("id", "url", "mutability", "chaos", "provenance", "attributes");

    /** A member of a shared simulated listener: its id is in the path. Compiled once, matched per URL. */
    private static final java.util.regex.Pattern MEMBER_PATH = java.util.regex.Pattern.compile("/m/([^/]+)/state");

    @Override
    public String name() {
        return "static";
    }

    @Override
    public List<String> keys() {
        return KEYS;
    }

    @Override
    public Fleet create(FleetSpec spec, ProviderContext ctx) {
        Settings s = spec.source();
        ConfigErrors errors = new ConfigErrors();
        errors.check(() -> s.requireKeys(KEYS));
        MemberKind kind = errors.get(() -> MemberKind.parse(s.string("kind", "host"))
                .orElseThrow(() -> s.child("kind").error("expected host, instance or container")), MemberKind.HOST);
        List<Member> listed = new ArrayList<>();
        List<Settings> hosts = errors.get(() -> s.list("hosts"), List.of());
        for (Settings host : hosts) {
            errors.attempt(() -> host.isScalar() ? fromUrl(host.asString(), host, spec, kind) : fromMap(host, spec, kind))
                    .ifPresent(listed::add);
        }
        Optional<Path> file = errors.get(() -> s.optionalString("file").map(f -> spec.baseDir().resolve(f)), Optional.empty());
        if (hosts.isEmpty() && !s.has("file") && errors.isEmpty()) {
            errors.add(s.error("a static source needs 'hosts' or 'file'"));
        }
        errors.throwIfAny();
        return new StaticFleet(spec, kind, listed, file, s.child("file"), ctx);
    }

    static Member fromUrl(String url, Settings where, FleetSpec spec, MemberKind kind) {
        URI uri = checkUrl(url, where);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String id;
        java.util.regex.Matcher m = MEMBER_PATH.matcher(path);
        if (m.matches()) {
            id = m.group(1);
        } else if (path.isEmpty() || path.equals("/") || path.equals("/state")) {
            id = uri.getHost() + ":" + uri.getPort();
        } else {
            id = uri.getHost() + ":" + uri.getPort() + path;
        }
        return member(id, url, uri, Map.of(), null, false, "", spec, kind);
    }

    private static Member fromMap(Settings host, FleetSpec spec, MemberKind kind) {
        ConfigErrors errors = new ConfigErrors();
        errors.check(() -> host.requireKeys(HOST_KEYS));
        errors.check(() -> host.stringMap("attributes"));
        errors.check(() -> host.string("url"));
        errors.throwIfAny();
        String url = host.string("url");
        URI uri = checkUrl(url, host.child("url"));
        Member derived = fromUrl(url, host.child("url"), spec, kind);
        String chaos = host.string("chaos", "false");
        return member(host.string("id", derived.id()), url, uri, host.stringMap("attributes"),
                host.optionalString("mutability").map(v -> {
                    if (Mutability.parse(v).isEmpty()) {
                        throw host.child("mutability").error("expected mutable or immutable, found '" + v + "'");
                    }
                    return v;
                }).orElse(null),
                ChaosOptIn.isOptInValue(chaos), host.string("provenance", ""), spec, kind);
    }

    private static Member member(String id, String url, URI uri, Map<String, String> extra, String mutabilityTag,
                                 boolean chaos, String provenance, FleetSpec spec, MemberKind kind) {
        Map<String, String> attributes = new LinkedHashMap<>(extra);
        attributes.put("url", url);
        attributes.put("host", uri.getHost());
        attributes.put("port", String.valueOf(uri.getPort()));
        Mutability mutability = Mutability.resolve(mutabilityTag, spec.mutability(), Mutability.MUTABLE);
        return new Member(id, attributes.get("name"), spec.group(), "static", kind, mutability, chaos, provenance, attributes);
    }

    private static URI checkUrl(String url, Settings where) {
        return HttpUrl.withPort(HttpUrl.parse(url, where.path(), " with a host"));
    }
}
