package dev.phoenix.runtime;

import dev.phoenix.config.PhoenixConfig;
import dev.phoenix.spi.ProviderContext;
import dev.phoenix.store.ObjectStore;
import dev.phoenix.store.StoreLocation;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code report.export}: copies a run's report files to a store location (in practice
 * {@code s3://bucket/prefix}) as {@code <runId>/<file>}, then as {@code latest/<file>}, a stable
 * address for the newest run. The run's own files come first, so {@code latest/} never points at a
 * run whose files are missing.
 *
 * <pre>{@code
 * ReportExport.export(platform, config, ctx, card.runId(), files)
 *     .onSuccess(keys -> ...);   // ["20261201T...-4f2a/scorecard.json", ..., "latest/scorecard.json", ...]
 * }</pre>
 */
public final class ReportExport {

    private ReportExport() {
    }

    /** The keys written, relative to the export location; fails naming the location and the cause. */
    public static Future<List<String>> export(Platform platform, PhoenixConfig config, ProviderContext ctx, String runId,
                                              List<Path> files) {
        String target = config.report().export().orElseThrow();
        ObjectStore store;
        try {
            store = StoreLocation.parse(target, config.baseDir()).open(platform.stores(), config.sections(), ctx);
        } catch (RuntimeException e) {
            throw config.locate(new dev.phoenix.spi.ConfigException("report.export", e.getMessage()));
        }
        List<String> written = new ArrayList<>();
        Future<Void> chain = put(store, ctx, files, runId + "/", written);
        return chain.compose(v -> put(store, ctx, files, "latest/", written))
                .map(v -> List.copyOf(written))
                .recover(e -> Future.failedFuture(new IllegalStateException("cannot export the reports to " + target + ": "
                        + e.getMessage(), e)))
                .eventually(store::close);
    }

    private static Future<Void> put(ObjectStore store, ProviderContext ctx, List<Path> files, String prefix, List<String> written) {
        Future<Void> chain = Future.succeededFuture();
        for (Path f : files) {
            String key = prefix + f.getFileName();
            chain = chain.compose(v -> ctx.vertx().fileSystem().readFile(f.toString()))
                    .compose(buffer -> store.put(key, buffer.getBytes()))
                    .onSuccess(v -> written.add(key));
        }
        return chain;
    }
}
