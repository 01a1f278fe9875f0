package dev.phoenix.simulated;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real HTTP server on 127.0.0.1 serving one member at {@code /state}, or, at large fleet
 * sizes, a few hundred members each at its own {@code /m/<id>/state}.
 */
final class SimulatedListener {

    private final Map<String, SimulatedMember> byPath = new ConcurrentHashMap<>();
    private final Future<SimulatedListener> ready;
    private volatile HttpServer server;
    private int slots;

    /**
     * @param loop the event-loop context the server listens on and serves from (a server started
     *             inside another server's callback would share that server's loop); null: the caller's
     */
    SimulatedListener(Vertx vertx, Context loop) {
        if (loop == null) {
            this.ready = listen(vertx);
        } else {
            Promise<SimulatedListener> listening = Promise.promise();
            loop.runOnContext(v -> listen(vertx).onComplete(listening));
            this.ready = listening.future();
        }
    }

    private Future<SimulatedListener> listen(Vertx vertx) {
        return vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
                        .setTcpNoDelay(true).setAcceptBacklog(4096))
                .requestHandler(req -> {
                    SimulatedMember member = byPath.get(req.path());
                    if (member == null) {
                        req.response().setStatusCode(404).end("no such member\n");
                    } else {
                        req.response().putHeader("content-type", "application/json").end(member.body());
                    }
                })
                .listen()
                .map(s -> {
                    server = s;
                    return this;
                });
    }

    /** Completes once the server listens. */
    Future<SimulatedListener> ready() {
        return ready;
    }

    int port() {
        return server.actualPort();
    }

    /** Claims a slot for a member about to be added, if fewer than {@code capacity} are taken. */
    synchronized boolean reserve(int capacity) {
        if (slots >= capacity) {
            return false;
        }
        slots++;
        return true;
    }

    void add(SimulatedMember member) {
        byPath.put(member.path, member);
    }

    /** Stops serving {@code member}; returns how many members the listener still serves or expects. */
    synchronized int remove(SimulatedMember member) {
        if (byPath.remove(member.path, member)) {
            slots--;
        }
        return slots;
    }

    Future<Void> close() {
        return ready.transform(ar -> ar.succeeded() ? server.close() : Future.succeededFuture());
    }
}
