package dev.phoenix.baseline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.phoenix.io.AtomicFiles;
import dev.phoenix.model.Fingerprint;
import dev.phoenix.report.ScorecardJson;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Baselines as one JSON file per group under {@code <dir>/baselines/}, written atomically
 * (temporary file, fsync, rename). Blocking file I/O runs on the worker pool.
 */
public final class FileBaselineStore implements BaselineStore {

    private final Path dir;
    private final WorkerExecutor blocking;

    public FileBaselineStore(Path storeDir, WorkerExecutor blocking) {
        this.dir = storeDir.resolve("baselines");
        this.blocking = blocking;
    }

    @Override
    public Future<GroupBaselines> load(String group) {
        return blocking.executeBlocking(() -> read(group), false);
    }

    @Override
    public Future<Void> save(GroupBaselines baselines) {
        if (!baselines.dirty()) {
            return Future.succeededFuture();
        }
        return blocking.executeBlocking(() -> {
            write(baselines);
            baselines.markClean();
            return null;
        }, false);
    }

    @Override
    public Future<List<String>> groups() {
        return blocking.executeBlocking(() -> {
            if (!Files.isDirectory(dir)) {
                return List.of();
            }
            try (Stream<Path> files = Files.list(dir)) {
                return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                        .map(n -> n.substring(0, n.length() - 5)).sorted().toList();
            }
        }, false);
    }

    @Override
    public String describe() {
        return dir.toString();
    }

    Path file(String group) {
        return dir.resolve(group + ".json");
    }

    private GroupBaselines read(String group) throws IOException {
        Path file = file(group);
        try (InputStream in = Files.newInputStream(file)) {
            return BaselineDocument.parse(group, ScorecardJson.mapper().readValue(in, BaselineDocument.class));
        } catch (NoSuchFileException e) {
            return GroupBaselines.empty(group);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new IOException("baseline file " + file + " is corrupt" + where + ": " + e.getOriginalMessage()
                    + " (restore it, or delete it to re-capture the group's baselines)", e);
        }
    }

    private void write(GroupBaselines b) throws IOException {
        ObjectMapper mapper = ScorecardJson.mapper();
        BaselineDocument doc = BaselineDocument.of(b);
        AtomicFiles.write(file(b.group()), out -> mapper.writeValue(out, doc));
    }

    /** The on-disk form: entries plus each distinct fingerprint's facts once. */
    record BaselineDocument(int version, String group, String currentProvenance, Map<String, BaselineEntry> members,
                            Map<String, BaselineEntry> goldens, Map<String, Map<String, String>> fingerprints) {

        static BaselineDocument of(GroupBaselines b) {
            Map<String, Map<String, String>> fps = new LinkedHashMap<>();
            b.fingerprints().forEach((d, fp) -> fps.put(d, fp.facts()));
            return new BaselineDocument(1, b.group(), b.currentProvenance(), b.members(), b.goldens(), fps);
        }

        static GroupBaselines parse(String group, BaselineDocument doc) throws IOException {
            Map<String, Fingerprint> fps = new LinkedHashMap<>();
            if (doc.fingerprints() != null) {
                for (Map.Entry<String, Map<String, String>> e : doc.fingerprints().entrySet()) {
                    Fingerprint fp = Fingerprint.ofMap(e.getValue() == null ? Map.of() : e.getValue());
                    if (!fp.digest().equals(e.getKey())) {
                        throw new IOException("baseline of group " + group + " is inconsistent: fingerprint " + e.getKey()
                                + " does not match its facts (edited by hand?)");
                    }
                    fps.put(e.getKey(), fp);
                }
            }
            List<BaselineEntry> all = new ArrayList<>();
            if (doc.members() != null) {
                all.addAll(doc.members().values());
            }
            if (doc.goldens() != null) {
                all.addAll(doc.goldens().values());
            }
            for (BaselineEntry e : all) {
                if (!fps.containsKey(e.digest())) {
                    throw new IOException("baseline of group " + group + " refers to a missing fingerprint " + e.digest());
                }
            }
            return new GroupBaselines(group, doc.members() == null ? Map.of() : doc.members(),
                    doc.goldens() == null ? Map.of() : doc.goldens(), fps, doc.currentProvenance());
        }
    }
}
