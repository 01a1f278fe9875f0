package dev.phoenix.inventory;

import dev.phoenix.fleet.Fleet;
import dev.phoenix.fleet.FleetSpec;
import dev.phoenix.io.InputFiles;
import dev.phoenix.model.Member;
import dev.phoenix.model.MemberKind;
import dev.phoenix.spi.ConfigException;
import dev.phoenix.spi.ProviderContext;
import dev.phoenix.spi.Settings;
import io.vertx.core.Future;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A fixed inventory: the hosts listed in config plus those in the URL file, read at each discovery
 * (a regular UTF-8 file of at most {@link InputFiles#HOST_FILE_LIMIT} bytes).
 */
final class StaticFleet implements Fleet {

    private final FleetSpec spec;
    private final MemberKind kind;
    private final List<Member> listed;
    private final Optional<Path> file;
    private final Settings fileSetting;
    private final ProviderContext ctx;

    StaticFleet(FleetSpec spec, MemberKind kind, List<Member> listed, Optional<Path> file, Settings fileSetting,
                ProviderContext ctx) {
        this.spec = spec;
        this.kind = kind;
        this.listed = List.copyOf(listed);
        this.file = file;
        this.fileSetting = fileSetting;
        this.ctx = ctx;
    }

    private volatile Integer hosts;

    @Override
    public String provider() {
        return "static";
    }

    /** The inventory's host list: every listed host should be there. */
    @Override
    public java.util.Optional<Integer> expectedSize() {
        return java.util.Optional.ofNullable(hosts);
    }

    @Override
    public Future<List<Member>> discover() {
        if (file.isEmpty()) {
            hosts = listed.size();
            return Future.succeededFuture(listed);
        }
        Path path = file.get();
        return ctx.blocking().executeBlocking(() -> {
            String text;
            try {
                text = InputFiles.readUtf8(path, InputFiles.HOST_FILE_LIMIT);
            } catch (IOException e) {
                throw new ConfigException(fileSetting.path(), "cannot read host file " + path + ": "
                        + (e instanceof InputFiles.Refused ? e.getMessage() : InputFiles.reason(e)));
            }
            return parse(text, path);
        }, false).onSuccess(all -> hosts = all.size());
    }

    private List<Member> parse(String text, Path path) {
        Map<String, Member> byId = new LinkedHashMap<>();
        listed.forEach(m -> byId.put(m.id(), m));
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Settings where = Settings.of(path.getFileName() + ":" + (i + 1), line);
            Member m = StaticFleetFactory.fromUrl(line, where, spec, kind);
            byId.putIfAbsent(m.id(), m);
        }
        return new ArrayList<>(byId.values());
    }

    @Override
    public Future<Member> replace(Member victim, Duration timeout) {
        return Future.failedFuture("static inventory cannot replace members: " + victim.id()
                + " must be rebuilt by whoever manages it");
    }
}
