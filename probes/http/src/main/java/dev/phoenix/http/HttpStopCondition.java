package dev.phoenix.http;

import dev.phoenix.spi.Errors;
import dev.phoenix.spi.HttpUrl;
import dev.phoenix.spi.ProviderContext;
import dev.phoenix.spi.Settings;
import dev.phoenix.stop.StopCondition;
import dev.phoenix.stop.StopConditionFactory;
import dev.phoenix.stop.StopConditionSpec;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code {http: {url, expect: 200, timeout: 5s}}}: a health endpoint that must answer the expected
 * status; any other status, no answer in time, or a refused address stops chaos.
 */
final class HttpStopCondition implements StopCondition {

    private final URI url;
    private final int expect;
    private final Duration timeout;
    private final ProviderContext ctx;

    HttpStopCondition(URI url, int expect, Duration timeout, ProviderContext ctx) {
        this.url = url;
        this.expect = expect;
        this.timeout = timeout;
        this.ctx = ctx;
    }

    @Override
    public String describe() {
        return "http GET " + url + " expects " + expect;
    }

    @Override
    public Future<Optional<String>> check() {
        Optional<String> refusal = ctx.targets().refusal(url.getHost());
        if (refusal.isPresent()) {
            return Future.failedFuture("not requesting " + url + ": " + refusal.get());
        }
        return HealthClient.shared(ctx).getAbs(url.toString()).timeout(timeout.toMillis()).send()
                .recover(e -> Future.failedFuture("GET " + url + ": " + Errors.message(Errors.root(e))))
                .map((HttpResponse<Buffer> r) -> r.statusCode() == expect ? Optional.<String>empty()
                        : Optional.of("GET " + url + " answered HTTP " + r.statusCode() + ", not " + expect));
    }

    /** Builds {@code http} stop conditions. */
    public static final class Factory implements StopConditionFactory {

        static final List<String> KEYS = List.of("url", "expect", "timeout");

        @Override
        public String name() {
            return "http";
        }

        @Override
        public List<String> keys() {
            return KEYS;
        }

        @Override
        public StopCondition create(StopConditionSpec spec, ProviderContext ctx) {
            Settings s = spec.settings().requireKeys(KEYS);
            URI url = HttpUrl.parse(s.string("url"), s.child("url").path(), "");
            Duration timeout = s.duration("timeout", Duration.ofSeconds(5));
            if (timeout.isZero() || timeout.isNegative()) {
                throw s.child("timeout").error("must be positive");
            }
            return new HttpStopCondition(url, s.integer("expect", 200, 100, 599), timeout, ctx);
        }
    }
}
