package dev.phoenix.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/**
 * The Web Client shared by every HTTP probe.
 *
 * <p>Each member is its own server, so connections are never reused across members and one
 * audit asks each member once: keep-alive is off, so that a fleet of 100,000 members does not
 * leave 100,000 idle sockets behind.
 */
public final class HttpClients {

    private HttpClients() {
    }

    public static WebClient create(Vertx vertx) {
        WebClientOptions options = new WebClientOptions()
                .setUserAgent("phoenix-auditor")
                .setKeepAlive(false)
                .setFollowRedirects(false)
                .setTcpNoDelay(true);
        PoolOptions pool = new PoolOptions().setHttp1MaxSize(4).setMaxWaitQueueSize(-1);
        return CappedBody.install(WebClient.create(vertx, options, pool));
    }
}
