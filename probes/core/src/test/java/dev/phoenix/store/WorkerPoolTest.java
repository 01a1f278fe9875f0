package dev.phoenix.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class WorkerPoolTest {

    @Test
    void workStartedOnAnEventLoop_runsOnAWorker_andCompletesBackOnTheEventLoop(Vertx vertx, VertxTestContext t) {
        vertx.getOrCreateContext().runOnContext(v -> WorkerPool.run(() -> Context.isOnWorkerThread())
                .onComplete(t.succeeding(onWorker -> t.verify(() -> {
                    assertThat(onWorker).as("the work ran on a worker thread").isTrue();
                    assertThat(Context.isOnEventLoopThread()).as("completed on the event loop").isTrue();
                    t.completeNow();
                }))));
    }

    @Test
    void workOutsideVertx_runsAtOnce() {
        assertThat(WorkerPool.run(() -> "done").result()).isEqualTo("done");
        assertThat(WorkerPool.run(() -> {
            throw new java.io.IOException("disk full");
        }).cause()).hasMessage("disk full");
    }
}
