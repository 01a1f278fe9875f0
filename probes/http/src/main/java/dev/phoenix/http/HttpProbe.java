package dev.phoenix.http;

import dev.phoenix.model.Fact;
import dev.phoenix.model.FactFilter;
import dev.phoenix.model.Fingerprint;
import dev.phoenix.model.Member;
import dev.phoenix.model.Observation;
import dev.phoenix.probe.Probe;
import dev.phoenix.probe.UrlTemplate;
import dev.phoenix.spi.Errors;
import dev.phoenix.spi.ProviderContext;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fetches one URL per member with the shared HTTP client and turns the response into facts:
 * a JSON body is flattened into {@code http.<name>.json.<path>} facts, any other body gives
 * {@code http.<name>.body.sha256}. Every call has a deadline and a body-size cap; a slow,
 * failing, oversized or malformed response is a failed observation, never an exception. A body
 * that grows past the cap, or is still arriving at the deadline, resets its connection: it is
 * never drained into memory nor left streaming.
 */
final class HttpProbe implements Probe {

    record Options(String name, UrlTemplate url, boolean json, Map<String, String> headers, Duration timeout,
                   long maxBody, FactFilter ignore, FactFilter identity, int maxFacts) {
    }

    private final Options options;
    private final ProviderContext ctx;
    private final HttpClient client;
    private final String probeName;
    private final String prefix;
    private final Optional<Duration> selfTimeout;

    HttpProbe(Options options, ProviderContext ctx) {
        this.options = options;
        this.ctx = ctx;
        this.client = HttpClients.shared(ctx);
        this.probeName = "http:" + options.name();
        this.prefix = "http." + options.name() + ".";
        this.selfTimeout = Optional.of(options.timeout());
    }

    @Override
    public String name() {
        return probeName;
    }

    /** Every call is cut at the probe's {@code timeout} by its own timer ({@link Exchange#abort}). */
    @Override
    public Optional<Duration> selfTimeout() {
        return selfTimeout;
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
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setAbsoluteURI(url)
                .setConnectTimeout(timeoutMs)
                .setIdleTimeout(timeoutMs)
                .setFollowRedirects(false)
                .putHeader("User-Agent", "phoenix-auditor");
        options.headers().forEach(request::putHeader);
        Exchange exchange = new Exchange();
        long deadline = ctx.vertx().setTimer(timeoutMs,
                id -> exchange.abort("no complete response within " + timeoutMs + " ms"));
        client.request(request)
                .compose(req -> {
                    exchange.request(req);
                    return req.send();
                })
                .onComplete(ar -> {
                    if (ar.failed()) {
                        exchange.fail(ar.cause());
                    } else {
                        exchange.receive(ar.result());
                    }
                });
        return exchange.body.future().transform(ar -> {
            ctx.vertx().cancelTimer(deadline);
            if (ar.failed()) {
                String reason = exchange.abortReason != null ? exchange.abortReason : Errors.message(Errors.root(ar.cause()));
                return Future.succeededFuture(Observation.failed(probeName, "GET " + url + ": " + reason));
            }
            return Future.succeededFuture(toObservation(url, exchange.status, ar.result()));
        });
    }

    /** One request and its response body, at most {@code max-body} bytes, cut at the deadline. */
    private final class Exchange {
        final Promise<Buffer> body = Promise.promise();
        volatile HttpClientRequest request;
        volatile String abortReason;
        int status;

        void request(HttpClientRequest req) {
            request = req;
            if (abortReason != null) {
                req.reset();
            }
        }

        void receive(HttpClientResponse response) {
            status = response.statusCode();
            String length = response.getHeader("content-length");
            if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > options.maxBody()) {
                abort("response body of " + length + " bytes exceeds the cap of " + options.maxBody() + " bytes");
                return;
            }
            Buffer received = Buffer.buffer();
            response.handler(chunk -> {
                if (body.future().isComplete()) {
                    return;
                }
                if (received.length() + chunk.length() > options.maxBody()) {
                    abort("response body exceeds the cap of " + options.maxBody() + " bytes");
                    return;
                }
                received.appendBuffer(chunk);
            });
            response.exceptionHandler(this::fail);
            response.endHandler(v -> body.tryComplete(received));
        }

        void fail(Throwable cause) {
            body.tryFail(cause);
        }

        /** Fails the body with {@code reason} (more telling than the reset it causes) and resets the connection. */
        void abort(String reason) {
            if (body.tryFail(reason)) {
                abortReason = reason;
                HttpClientRequest req = request;
                if (req != null) {
                    req.reset();
                }
            }
        }
    }

    private Observation toObservation(String url, int status, Buffer body) {
        if (status < 200 || status > 299) {
            return Observation.failed(probeName, "GET " + url + " answered HTTP " + status);
        }
        List<Fact> facts = new ArrayList<>();
        facts.add(Fact.identity(prefix + "url", url));
        if (options.json()) {
            try {
                JsonFacts.flatten(body.getBytes(), prefix + "json.", options.ignore(), options.identity(), options.maxFacts(), facts);
            } catch (IllegalArgumentException e) {
                return Observation.failed(probeName, "GET " + url + ": response is not usable JSON (" + Errors.firstLine(e.getMessage()) + ")");
            }
        } else {
            facts.add(Fact.of(prefix + "body.sha256", Fingerprint.sha256Hex(body.getBytes())));
        }
        return Observation.ok(probeName, facts);
    }
}
