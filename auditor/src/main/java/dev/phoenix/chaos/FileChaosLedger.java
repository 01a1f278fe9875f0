package dev.phoenix.chaos;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.phoenix.io.AtomicFiles;
import dev.phoenix.report.ScorecardJson;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** The chaos ledger as {@code <store>/chaos/ledger.json}, written atomically. */
public final class FileChaosLedger implements ChaosLedger {

    private final Path file;
    private final WorkerExecutor blocking;

    public FileChaosLedger(Path storeDir, WorkerExecutor blocking) {
        this.file = storeDir.resolve("chaos").resolve("ledger.json");
        this.blocking = blocking;
    }

    @Override
    public Future<Map<String, Instant>> lastTerminations() {
        return blocking.executeBlocking(this::read, false);
    }

    @Override
    public Future<Void> recordTermination(String group, String victim, Instant at) {
        return blocking.executeBlocking(() -> {
            synchronized (this) {
                Map<String, Instant> all = new TreeMap<>(read());
                all.put(group, at);
                AtomicFiles.write(file, out -> ScorecardJson.mapper().writeValue(out, all));
                return null;
            }
        }, false);
    }

    private Map<String, Instant> read() throws IOException {
        try {
            byte[] bytes = Files.readAllBytes(file);
            return ScorecardJson.mapper().readValue(bytes, new TypeReference<TreeMap<String, Instant>>() { });
        } catch (NoSuchFileException e) {
            return Map.of();
        } catch (IOException e) {
            throw new IOException("chaos ledger " + file + " is unreadable: " + e.getMessage(), e);
        }
    }
}
