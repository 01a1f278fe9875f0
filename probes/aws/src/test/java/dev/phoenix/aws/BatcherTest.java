package dev.phoenix.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class BatcherTest {

    /** A loader that records the batches it is asked for and knows every id but "i-missing". */
    static final class RecordingLoader {
        final List<List<String>> calls = new ArrayList<>();

        synchronized Future<Map<String, String>> load(List<String> ids) {
            calls.add(ids);
            Map<String, String> out = new HashMap<>();
            ids.stream().filter(id -> !id.equals("i-missing")).forEach(id -> out.put(id, "described " + id));
            return Future.succeededFuture(out);
        }
    }

    @Test
    void idsAskedForTogether_areFetchedInBatchesOfAtMostMax(Vertx vertx, VertxTestContext test) {
        RecordingLoader loader = new RecordingLoader();
        Batcher<String> batcher = new Batcher<>(vertx, 4, 20, loader::load);
        List<Future<String>> all = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            all.add(batcher.get("i-" + i));
        }
        Future.all(all).onComplete(test.succeeding(x -> test.verify(() -> {
            assertThat(all.get(7).result()).isEqualTo("described i-7");
            assertThat(loader.calls).hasSize(3);
            assertThat(loader.calls).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(4));
            test.completeNow();
        })));
    }

    @Test
    void idTheLoaderDoesNotReturn_failsAsNotFound_whileOthersSucceed(Vertx vertx, VertxTestContext test) {
        RecordingLoader loader = new RecordingLoader();
        Batcher<String> batcher = new Batcher<>(vertx, 100, 5, loader::load);
        Future<String> found = batcher.get("i-1");
        Future<String> missing = batcher.get("i-missing");
        Future.join(found, missing).onComplete(x -> test.verify(() -> {
            assertThat(found.result()).isEqualTo("described i-1");
            assertThat(missing.cause()).isInstanceOf(Batcher.NotFound.class).hasMessageContaining("i-missing");
            assertThat(loader.calls).hasSize(1);
            test.completeNow();
        }));
    }
}
