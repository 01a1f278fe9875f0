package dev.phoenix.http;

import dev.phoenix.spi.Errors;
import dev.phoenix.spi.HttpUrl;
import dev.phoenix.spi.ProviderContext;
import dev.phoenix.spi.Settings;
import dev.phoenix.stop.StopCondition;
import dev.phoenix.stop.StopConditionFactory;
import dev.phoenix.stop.StopConditionSpec;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code {prometheus: {url, query, timeout: 5s}}}: stops chaos while a PromQL query (an instant
 * query against {@code /api/v1/query}) returns any series, as an alert rule would fire. A server
 * that cannot be asked, or that answers anything but {@code "status": "success"}, stops it too.
 */
final class PrometheusStopCondition implements StopCondition {

    private final URI url;
    private final String query;
    private final Duration timeout;
    private final ProviderContext ctx;

    PrometheusStopCondition(URI url, String query, Duration timeout, ProviderContext ctx) {
        this.url = url;
        this.query = query;
        this.timeout = timeout;
        this.ctx = ctx;
    }

    @Override
    public String describe() {
        return "prometheus " + url + " query " + query;
    }

    @Override
    public Future<Optional<String>> check() {
        Optional<String> refusal = ctx.targets().refusal(url.getHost());
        if (refusal.isPresent()) {
            return Future.failedFuture("not requesting " + url + ": " + refusal.get());
        }
        String api = url.toString().replaceAll("/+$", "") + "/api/v1/query";
        return HealthClient.shared(ctx).getAbs(api).addQueryParam("query", query).timeout(timeout.toMillis()).send()
                .recover(e -> Future.failedFuture("Prometheus at " + url + ": " + Errors.message(Errors.root(e))))
                .compose(r -> {
                    JsonObject body;
                    try {
                        body = r.bodyAsJsonObject();
                    } catch (RuntimeException e) {
                        return Future.failedFuture("Prometheus at " + url + " answered HTTP " + r.statusCode() + " without JSON");
                    }
                    if (body == null || !"success".equals(body.getString("status"))) {
                        return Future.failedFuture("Prometheus at " + url + " answered HTTP " + r.statusCode() + ": "
                                + (body == null ? "no body" : body.getString("errorType", "") + " " + body.getString("error", "")).trim());
                    }
                    JsonObject data = body.getJsonObject("data", new JsonObject());
                    Object result = data.getValue("result");
                    int series = result instanceof JsonArray a ? a.size() : 0;
                    return Future.succeededFuture(series == 0 ? Optional.<String>empty()
                            : Optional.of("query " + query + " returned " + series + " series at " + url));
                });
    }

    /** Builds {@code prometheus} stop conditions. */
    public static final class Factory implements StopConditionFactory {

        static final List<String> KEYS = List.of("url", "query", "timeout");

        @Override
        public String name() {
            return "prometheus";
        }

        @Override
        public List<String> keys() {
            return KEYS;
        }

        @Override
        public StopCondition create(StopConditionSpec spec, ProviderContext ctx) {
            Settings s = spec.settings().requireKeys(KEYS);
            URI url = HttpUrl.parse(s.string("url"), s.child("url").path(), " such as http://127.0.0.1:9090");
            String query = s.string("query");
            if (query.isBlank()) {
                throw s.child("query").error("a PromQL query is required, e.g. 'up{job=\"web\"} == 0'");
            }
            Duration timeout = s.duration("timeout", Duration.ofSeconds(5));
            if (timeout.isZero() || timeout.isNegative()) {
                throw s.child("timeout").error("must be positive");
            }
            return new PrometheusStopCondition(url, query, timeout, ctx);
        }
    }
}
