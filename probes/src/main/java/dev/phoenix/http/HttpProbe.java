package dev.phoenix.http;

import dev.phoenix.model.Fact;
import dev.phoenix.model.FactFilter;
import dev.phoenix.model.Fingerprint;
import dev.phoenix.model.Member;
import dev.phoenix.model.Observation;
import dev.phoenix.probe.Probe;
import dev.phoenix.spi.ProviderContext;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fetches one URL per member with the shared Web Client and turns the response into facts:
 * a JSON body is flattened into {@code http.<name>.json.<path>} facts, any other body gives
 * {@code http.<name>.body.sha256}. Every call has a deadline and a body-size cap; a slow,
 * failing, oversized or malformed response is a failed observation, never an exception.
 */
final class HttpProbe implements Probe {

    record Options(String name, UrlTemplate url, boolean json, Map<String, String> headers, Duration timeout,
                   long maxBody, FactFilter ignore, FactFilter identity, int maxFacts) {
    }

    private final Options options;
    private final ProviderContext ctx;
    private final String probeName;
    private final String prefix;

    HttpProbe(Options options, ProviderContext ctx) {
        this.options = options;
        this.ctx = ctx;
        this.probeName = "http:" + options.name();
        this.prefix = "http." + options.name() + ".";
    }

    @Override
    public String name() {
        return probeName;
    }

    @Override
    public Future<Observation> observe(Member member) {
        String url;
        URI uri;
        try {
            url = options.url().expand(member);
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return Future.succeededFuture(Observation.failed(probeName, e.getMessage()));
        }
        Optional<String> refusal = ctx.targets().refusal(uri.getHost());
        if (refusal.isPresent()) {
            return Future.succeededFuture(Observation.failed(probeName, "not requesting " + url + ": " + refusal.get()));
        }
        long timeoutMs = options.timeout().toMillis();
        CappedBody body = new CappedBody(options.maxBody());
        HttpRequest<Buffer> request = ctx.http().requestAbs(HttpMethod.GET, url)
                .connectTimeout(timeoutMs)
                .idleTimeout(timeoutMs)
                .as(body);
        options.headers().forEach(request::putHeader);
        long deadline = ctx.vertx().setTimer(timeoutMs,
                id -> body.abort("no complete response within " + options.timeout().toMillis() + " ms"));
        return request.send()
                .transform(ar -> {
                    ctx.vertx().cancelTimer(deadline);
                    if (ar.failed()) {
                        String reason = body.abortReason() != null ? body.abortReason() : describe(ar.cause());
                        return Future.succeededFuture(Observation.failed(probeName, "GET " + url + ": " + reason));
                    }
                    return Future.succeededFuture(toObservation(url, ar.result()));
                });
    }

    private Observation toObservation(String url, HttpResponse<Buffer> response) {
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            return Observation.failed(probeName, "GET " + url + " answered HTTP " + status);
        }
        Buffer body = response.body() == null ? Buffer.buffer() : response.body();
        List<Fact> facts = new ArrayList<>();
        facts.add(Fact.identity(prefix + "url", url));
        if (options.json()) {
            try {
                JsonFacts.flatten(body.getBytes(), prefix + "json.", options.ignore(), options.identity(), options.maxFacts(), facts);
            } catch (IllegalArgumentException e) {
                return Observation.failed(probeName, "GET " + url + ": response is not usable JSON (" + firstLine(e.getMessage()) + ")");
            }
        } else {
            facts.add(Fact.of(prefix + "body.sha256", Fingerprint.sha256Hex(body.getBytes())));
        }
        return Observation.ok(probeName, facts);
    }

    private static String describe(Throwable t) {
        return dev.phoenix.spi.Errors.message(dev.phoenix.spi.Errors.root(t));
    }

    private static String firstLine(String text) {
        return dev.phoenix.spi.Errors.firstLine(text);
    }
}
