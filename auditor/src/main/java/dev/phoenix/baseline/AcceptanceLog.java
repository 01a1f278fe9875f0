package dev.phoenix.baseline;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.phoenix.json.Json;
import dev.phoenix.store.ObjectStore;
import io.vertx.core.Future;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * The append-only record of baseline decisions ({@code phoenix baseline capture|accept}): each
 * command writes one new object {@code baselines/history/<group>/<time>-<nonce>.json} holding its
 * decisions; nothing is ever rewritten, in a directory or on S3 alike.
 *
 * <pre>{@code
 * log.append("hosts", List.of(acceptance)).compose(v -> log.list("hosts"));   // oldest first
 * }</pre>
 */
public final class AcceptanceLog {

    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final ObjectStore objects;
    private final Random nonce;

    /** @param nonce makes names unique when two people accept in the same millisecond */
    public AcceptanceLog(ObjectStore objects, Random nonce) {
        this.objects = objects;
        this.nonce = nonce;
    }

    public Future<Void> append(String group, List<Acceptance> decisions) {
        if (decisions.isEmpty()) {
            return Future.succeededFuture();
        }
        String key = "baselines/history/" + group + "/" + NAME.format(decisions.get(0).at()) + "-"
                + HexFormat.of().toHexDigits(nonce.nextInt()) + ".json";
        try {
            return objects.put(key, Json.mapper().writeValueAsBytes(decisions));
        } catch (IOException e) {
            return Future.failedFuture(e);
        }
    }

    /** Every decision recorded for {@code group}, oldest first. */
    public Future<List<Acceptance>> list(String group) {
        return objects.list("baselines/history/" + group + "/").compose(keys -> {
            List<Future<List<Acceptance>>> reads = new ArrayList<>();
            for (String key : keys) {
                reads.add(objects.get(key).map(found -> {
                    if (found.isEmpty()) {
                        return List.<Acceptance>of();
                    }
                    try {
                        return Json.mapper().readValue(found.get(), new TypeReference<List<Acceptance>>() { });
                    } catch (IOException e) {
                        throw new IllegalStateException("baseline history " + objects.describe() + "/" + key + " is unreadable: "
                                + e.getMessage(), e);
                    }
                }));
            }
            return Future.all(reads).map(x -> reads.stream().flatMap(f -> f.result().stream())
                    .sorted(Comparator.comparing(Acceptance::at)).toList());
        });
    }
}
