package dev.phoenix.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phoenix.model.Fact;
import dev.phoenix.model.Fingerprint;
import dev.phoenix.store.LocalObjectStore;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The on-disk form of baselines: what older versions wrote still loads, and in-place facts keep their kind. */
@ExtendWith(VertxExtension.class)
class ObjectBaselineStoreTest {

    private static final Instant AT = Instant.parse("2026-03-04T10:30:00Z");

    @TempDir
    Path dir;

    private ObjectBaselineStore store(Vertx vertx) {
        return new ObjectBaselineStore(new LocalObjectStore(dir, vertx.createSharedWorkerExecutor("baseline-test")));
    }

    @Test
    void documentWrittenBeforeFactsHadKinds_stillLoads(Vertx vertx, VertxTestContext t) throws Exception {
        Fingerprint fp = Fingerprint.ofMap(Map.of("app.version", "1", "docker.diff./etc/app.conf", "CHANGED"));
        // the form main wrote: version 1, entries and fingerprints, no inPlace
        String old = """
                {
                  "version" : 1,
                  "group" : "web",
                  "currentProvenance" : "sha256:1",
                  "members" : {
                    "web-1" : { "digest" : "%1$s", "provenance" : "sha256:1", "capturedAt" : "2026-03-04T10:30:00Z",
                                "acceptedBy" : "phoenix", "reason" : "first seen" }
                  },
                  "goldens" : { },
                  "fingerprints" : {
                    "%1$s" : { "app.version" : "1", "docker.diff./etc/app.conf" : "CHANGED" }
                  }
                }
                """.formatted(fp.digest());
        Files.createDirectories(dir.resolve("baselines"));
        Files.writeString(dir.resolve("baselines/web.json"), old);
        store(vertx).load("web").onComplete(t.succeeding(b -> t.verify(() -> {
            assertThat(b.currentProvenance()).isEqualTo("sha256:1");
            GroupBaselines.Captured c = b.member("web-1").orElseThrow();
            assertThat(c.fingerprint().digest()).isEqualTo(fp.digest());
            assertThat(c.fingerprint().facts()).isEqualTo(fp.facts());
            assertThat(c.fingerprint().inPlaceKeys()).as("older documents did not record kinds").isEmpty();
            t.completeNow();
        })));
    }

    @Test
    void inPlaceKeys_surviveASaveAndLoad(Vertx vertx, VertxTestContext t) {
        Fingerprint changed = Fingerprint.of(List.of(Fact.of("app.version", "1"), Fact.inPlace("docker.diff./etc/app.conf", "CHANGED")));
        Fingerprint pristine = Fingerprint.of(List.of(Fact.of("app.version", "1")));
        GroupBaselines b = GroupBaselines.empty("web");
        b.putMember("web-1", changed, "sha256:1", AT, "phoenix", "first seen");
        b.putGolden(pristine, "sha256:1", AT, "phoenix", "consensus");
        ObjectBaselineStore store = store(vertx);
        store.save(b).compose(v -> store.load("web")).onComplete(t.succeeding(loaded -> t.verify(() -> {
            assertThat(loaded.member("web-1").orElseThrow().fingerprint()).isEqualTo(changed);
            assertThat(loaded.member("web-1").orElseThrow().fingerprint().inPlaceKeys()).containsExactly("docker.diff./etc/app.conf");
            assertThat(loaded.golden("sha256:1").orElseThrow().fingerprint()).isEqualTo(pristine);
            String json = Files.readString(dir.resolve("baselines/web.json"));
            assertThat(json).contains("\"inPlace\"").doesNotContain("\"" + pristine.digest() + "\" : [");
            t.completeNow();
        })));
    }

    @Test
    void withoutInPlaceFacts_theDocumentKeepsItsFormerShape(Vertx vertx, VertxTestContext t) {
        GroupBaselines b = GroupBaselines.empty("web");
        b.putGolden(Fingerprint.of(List.of(Fact.of("app.version", "1"))), "sha256:1", AT, "phoenix", "consensus");
        store(vertx).save(b).onComplete(t.succeeding(v -> t.verify(() -> {
            assertThat(Files.readString(dir.resolve("baselines/web.json"))).doesNotContain("inPlace");
            t.completeNow();
        })));
    }
}
