package dev.phoenix.http;

import dev.phoenix.spi.ProviderContext;
import dev.phoenix.spi.Shared;
import io.vertx.core.Future;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/**
 * The Web Client the HTTP and Prometheus stop conditions share (a few requests per experiment, so
 * keep-alive is on), closed with the context's shared clients.
 */
final class HealthClient implements Shared.Resource {

    private final WebClient client;

    private HealthClient(WebClient client) {
        this.client = client;
    }

    static WebClient shared(ProviderContext ctx) {
        return ctx.shared().get(HealthClient.class, () -> new HealthClient(WebClient.create(ctx.vertx(),
                new WebClientOptions().setUserAgent("phoenix-auditor").setFollowRedirects(false).setDecompressionSupported(true)))).client;
    }

    @Override
    public Future<Void> close() {
        client.close();
        return Future.succeededFuture();
    }

    @Override
    public String toString() {
        return "the stop conditions' HTTP client";
    }
}
