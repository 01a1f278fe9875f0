package dev.phoenix.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** What engaging and releasing the kill switch does to its file. */
@ExtendWith(VertxExtension.class)
class KillSwitchTest {

    @TempDir
    Path dir;

    private KillSwitch killSwitch(Vertx vertx) {
        return new KillSwitch(vertx, dir.resolve("chaos/STOP").toString(), "", Map.of());
    }

    @Test
    void fileWrittenByEngage_isRemovedByRelease_evenAfterARestart(Vertx vertx, VertxTestContext t) {
        Path stop = dir.resolve("chaos/STOP");
        killSwitch(vertx).engage("POST /api/chaos/stop from 127.0.0.1")
                // a new process: only the file carries the switch over
                .compose(v -> killSwitch(vertx).release())
                .onComplete(t.succeeding(kept -> t.verify(() -> {
                    assertThat(kept).isEmpty();
                    assertThat(stop).doesNotExist();
                    t.completeNow();
                })));
    }

    @Test
    void fileMadeByHand_isNeitherOverwrittenByEngageNorRemovedByRelease(Vertx vertx, VertxTestContext t) throws Exception {
        Path stop = dir.resolve("chaos/STOP");
        Files.createDirectories(stop.getParent());
        Files.writeString(stop, "maintenance");
        KillSwitch k = killSwitch(vertx);
        k.engage("POST /api/chaos/stop from 127.0.0.1")
                .compose(v -> k.release())
                .compose(kept -> {
                    t.verify(() -> assertThat(kept).hasValueSatisfying(r -> assertThat(r).contains("not written by POST /api/chaos/stop")));
                    return k.check();
                })
                .onComplete(t.succeeding(engaged -> t.verify(() -> {
                    assertThat(stop).hasContent("maintenance");
                    assertThat(engaged).hasValue("file " + stop + " exists");
                    t.completeNow();
                })));
    }
}
