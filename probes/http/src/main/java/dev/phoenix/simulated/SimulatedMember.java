package dev.phoenix.simulated;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/** One live simulated member: its state document, served as JSON at {@link #path} of its listener. */
final class SimulatedMember {

    final String id;
    final SimulatedImage image;
    final SimulatedListener listener;
    final String path;
    private final JsonObject state;
    private volatile Buffer body;

    SimulatedMember(String id, SimulatedImage image, SimulatedListener listener, String path, String bootedAt) {
        this.id = id;
        this.image = image;
        this.listener = listener;
        this.path = path;
        this.state = image.state().put("member", new JsonObject()
                .put("id", id)
                .put("bootedAt", bootedAt)
                .put("address", "127.0.0.1:" + listener.port()));
        this.body = state.toBuffer();
    }

    Buffer body() {
        return body;
    }

    String url() {
        return "http://127.0.0.1:" + listener.port() + path;
    }

    /** Applies an in-place change and re-encodes the served document. */
    synchronized void change(java.util.function.Consumer<JsonObject> edit) {
        edit.accept(state);
        body = state.toBuffer();
    }

    synchronized JsonObject snapshot() {
        return state.copy();
    }
}
