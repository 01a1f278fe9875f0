package dev.phoenix.aws;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback HTTP proxy in front of the AWS emulator for the query-protocol services (EC2, Auto
 * Scaling): it records every call (action and parameters) in order, forwards it, and answers
 * chosen actions with an error instead, as a quota or a broken template would.
 *
 * <pre>{@code
 * RecordingAwsProxy.start(vertx, URI.create("http://127.0.0.1:4566")).onSuccess(proxy -> {
 *     proxy.fail("RunInstances", "InstanceLimitExceeded", "You have requested more instances than your current limit");
 *     // point AwsSettings at proxy.endpoint(); afterwards: proxy.actions() -> [DescribeInstances, RunInstances]
 * });
 * }</pre>
 */
final class RecordingAwsProxy {

    /** One call: its action and its form parameters. */
    record Call(String action, Map<String, String> params) {
    }

    private final HttpServer server;
    private final HttpClient client;
    private final URI target;
    private final List<Call> calls = new ArrayList<>();
    private final Map<String, String[]> failures = new ConcurrentHashMap<>();
    private final Map<String, java.util.Deque<String[]>> nextFailures = new ConcurrentHashMap<>();
    private final List<String[]> conditional = new java.util.concurrent.CopyOnWriteArrayList<>();

    private RecordingAwsProxy(HttpServer server, HttpClient client, URI target) {
        this.server = server;
        this.client = client;
        this.target = target;
    }

    static Future<RecordingAwsProxy> start(Vertx vertx, URI target) {
        HttpClient client = vertx.createHttpClient();
        RecordingAwsProxy[] self = new RecordingAwsProxy[1];
        HttpServer server = vertx.createHttpServer().requestHandler(req -> self[0].handle(req));
        return server.listen(0, "127.0.0.1").map(s -> {
            self[0] = new RecordingAwsProxy(s, client, target);
            return self[0];
        });
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.actualPort());
    }

    /** Answers {@code action} with HTTP 400 and this error code from now on. */
    void fail(String action, String code, String message) {
        failures.put(action, new String[] {code, message});
    }

    /**
     * Answers the next call of {@code action} with this HTTP status and error code (a throttling
     * 400, a 503), once per call to this method; later calls are forwarded again.
     */
    void failNext(String action, int status, String code, String message) {
        nextFailures.computeIfAbsent(action, a -> new java.util.concurrent.ConcurrentLinkedDeque<>())
                .add(new String[] {code, message, String.valueOf(status)});
    }

    /**
     * Answers {@code action} with HTTP {@code status} and this error code, in the error document of
     * STS and the other query services ({@code ErrorResponse}), whenever its form parameter
     * {@code param} has {@code value}: an AssumeRole into one account refused as IAM refuses it.
     */
    void failWhen(String action, String param, String value, int status, String code, String message) {
        conditional.add(new String[] {action, param, value, String.valueOf(status), code, message});
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The actions called so far, in order. */
    List<String> actions() {
        return calls().stream().map(Call::action).toList();
    }

    /** The calls of {@code action}. */
    List<Call> calls(String action) {
        return calls().stream().filter(c -> c.action().equals(action)).toList();
    }

    Future<Void> close() {
        return server.close().compose(v -> client.close());
    }

    private void handle(HttpServerRequest req) {
        req.body().onSuccess(body -> {
            Map<String, String> params = form(body.toString(StandardCharsets.UTF_8));
            String action = params.getOrDefault("Action", String.valueOf(req.getHeader("X-Amz-Target")));
            synchronized (this) {
                calls.add(new Call(action, params));
            }
            for (String[] c : conditional) {
                if (c[0].equals(action) && c[2].equals(params.get(c[1]))) {
                    req.response().setStatusCode(Integer.parseInt(c[3])).putHeader("content-type", "text/xml")
                            .end("<ErrorResponse><Error><Type>Sender</Type><Code>" + c[4] + "</Code><Message>" + c[5]
                                    + "</Message></Error><RequestId>phoenix-test</RequestId></ErrorResponse>");
                    return;
                }
            }
            java.util.Deque<String[]> queued = nextFailures.get(action);
            String[] next = queued == null ? null : queued.poll();
            String[] failure = next != null ? next : failures.get(action);
            if (failure != null) {
                req.response().setStatusCode(failure.length > 2 ? Integer.parseInt(failure[2]) : 400).putHeader("content-type", "text/xml")
                        .end("<Response><Errors><Error><Code>" + failure[0] + "</Code><Message>" + failure[1]
                                + "</Message></Error></Errors><RequestID>phoenix-test</RequestID></Response>");
                return;
            }
            forward(req, body);
        });
    }

    private void forward(HttpServerRequest req, Buffer body) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(req.headers()).remove("host").remove("content-length")
                .remove("transfer-encoding");
        client.request(new RequestOptions().setMethod(req.method()).setHost(target.getHost()).setPort(target.getPort())
                        .setURI(req.uri()).setHeaders(headers))
                .compose(out -> out.send(body))
                .compose(in -> in.body().map(b -> {
                    req.response().setStatusCode(in.statusCode()).headers().addAll(in.headers()).remove("content-length")
                            .remove("transfer-encoding");
                    return b;
                }))
                .onSuccess(b -> req.response().end(b))
                .onFailure(e -> req.response().setStatusCode(502).end(String.valueOf(e.getMessage())));
    }

    private static Map<String, String> form(String body) {
        Map<String, String> params = new LinkedHashMap<>();
        if (body.isEmpty() || body.startsWith("{")) {
            return params;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(k, v);
        }
        return params;
    }
}
