package dev.phoenix.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.streams.WriteStream;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.impl.HttpContext;
import io.vertx.ext.web.client.impl.HttpRequestImpl;
import io.vertx.ext.web.codec.BodyCodec;
import io.vertx.ext.web.codec.spi.BodyStream;

/**
 * A Web Client body codec that buffers at most {@code maxBytes} and can be cut short. When
 * the body grows past the cap, or {@link #abort} is called at the probe's deadline, the
 * response's connection is reset: an endless or oversized body is never drained into memory
 * nor left streaming.
 *
 * <p>The codec learns the response through {@link #install(WebClient)}, an interceptor on the
 * shared Web Client that hands each {@code CappedBody} its {@link HttpClientResponse}.
 */
final class CappedBody implements BodyCodec<Buffer> {

    private final long maxBytes;
    private final Promise<Buffer> result = Promise.promise();
    private volatile HttpClientResponse response;
    private volatile String abortReason;

    CappedBody(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Adds the interceptor that attaches responses to {@code CappedBody} codecs; idempotent per client. */
    static WebClient install(WebClient client) {
        client.addInterceptor(CappedBody::intercept);
        return client;
    }

    private static void intercept(HttpContext<?> ctx) {
        if (ctx.phase() == io.vertx.ext.web.client.impl.ClientPhase.RECEIVE_RESPONSE
                && ctx.request() instanceof HttpRequestImpl<?> req
                && req.bodyCodec() instanceof CappedBody capped) {
            capped.attach(ctx.clientResponse());
        }
        ctx.next();
    }

    private void attach(HttpClientResponse resp) {
        this.response = resp;
        String length = resp.getHeader("content-length");
        if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > maxBytes) {
            abort("response body of " + length + " bytes exceeds the cap of " + maxBytes + " bytes");
        }
    }

    /** Fails the body with {@code reason} and resets the connection, if the body is not complete yet. */
    void abort(String reason) {
        if (result.tryFail(reason)) {
            abortReason = reason;
            HttpClientResponse resp = response;
            if (resp != null) {
                resp.request().reset();
            }
        }
    }

    /** Why the body was cut short, or {@code null}; more telling than the connection reset it causes. */
    String abortReason() {
        return abortReason;
    }

    @Override
    public BodyStream<Buffer> stream() {
        return new BodyStream<>() {
            private final Buffer body = Buffer.buffer();

            @Override
            public Future<Buffer> result() {
                return result.future();
            }

            @Override
            public void handle(Throwable cause) {
                result.tryFail(cause);
            }

            @Override
            public Future<Void> write(Buffer data) {
                if (result.future().isComplete()) {
                    return Future.succeededFuture();
                }
                if (body.length() + data.length() > maxBytes) {
                    abort("response body exceeds the cap of " + maxBytes + " bytes");
                    return Future.succeededFuture();
                }
                body.appendBuffer(data);
                return Future.succeededFuture();
            }

            @Override
            public Future<Void> end() {
                result.tryComplete(body);
                return Future.succeededFuture();
            }

            @Override
            public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
                return this;
            }

            @Override
            public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
                return this;
            }

            @Override
            public boolean writeQueueFull() {
                return false;
            }

            @Override
            public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
                return this;
            }
        };
    }
}
