package dev.phoenix.store;

import dev.phoenix.io.AtomicFiles;
import dev.phoenix.model.Fingerprint;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * An {@link ObjectStore} in a local directory: one file per key, written atomically
 * (temporary file, fsync, rename) on the worker pool. A {@link #putIf} holds a lock on a hidden
 * {@code .NAME.lock} file beside the object while it compares and writes, so processes sharing
 * the directory take turns; the version token is the content's SHA-256.
 */
public final class LocalObjectStore implements ObjectStore {

    /** One monitor per object file in this JVM: file locks are per process, not per thread. */
    private static final ConcurrentHashMap<Path, Object> IN_PROCESS = new ConcurrentHashMap<>();

    private final Path root;
    private final WorkerExecutor blocking;

    public LocalObjectStore(Path root, WorkerExecutor blocking) {
        this.root = root.toAbsolutePath().normalize();
        this.blocking = blocking;
    }

    /** The directory. */
    public Path root() {
        return root;
    }

    /** The file that holds {@code key}. */
    public Path file(String key) {
        return root.resolve(ObjectStore.checkKey(key));
    }

    @Override
    public Future<Optional<byte[]>> get(String key) {
        Path file = file(key);
        return blocking.executeBlocking(() -> {
            try {
                return Optional.of(Files.readAllBytes(file));
            } catch (NoSuchFileException e) {
                return Optional.<byte[]>empty();
            } catch (IOException e) {
                throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }, false);
    }

    @Override
    public Future<Void> put(String key, byte[] content) {
        Path file = file(key);
        return blocking.executeBlocking(() -> {
            try {
                AtomicFiles.write(file, content);
            } catch (IOException e) {
                throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
            }
            return null;
        }, false);
    }

    @Override
    public Future<Versioned> getVersioned(String key) {
        return get(key).map(found -> new Versioned(found, found.map(Fingerprint::sha256Hex).orElse(null)));
    }

    @Override
    public Future<Boolean> putIf(String key, byte[] content, String expectedVersion) {
        Path file = file(key);
        return blocking.executeBlocking(() -> {
            Files.createDirectories(file.getParent());
            Path lockFile = file.resolveSibling("." + file.getFileName() + ".lock");
            synchronized (IN_PROCESS.computeIfAbsent(file, f -> new Object())) {
                try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock ignored = channel.lock()) {
                    String current;
                    try {
                        current = Fingerprint.sha256Hex(Files.readAllBytes(file));
                    } catch (NoSuchFileException e) {
                        current = null;
                    }
                    if (!Objects.equals(current, expectedVersion)) {
                        return false;
                    }
                    AtomicFiles.write(file, content);
                    return true;
                } catch (IOException e) {
                    throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
                }
            }
        }, false);
    }

    @Override
    public Future<List<String>> list(String prefix) {
        return blocking.executeBlocking(() -> {
            int slash = prefix.lastIndexOf('/');
            Path dir = slash < 0 ? root : root.resolve(ObjectStore.checkKey(prefix.substring(0, slash)));
            if (!Files.isDirectory(dir)) {
                return List.<String>of();
            }
            try (Stream<Path> files = Files.walk(dir)) {
                return files.filter(Files::isRegularFile)
                        .filter(p -> !p.getFileName().toString().startsWith("."))
                        .map(p -> root.relativize(p).toString().replace(java.io.File.separatorChar, '/'))
                        .filter(k -> k.startsWith(prefix))
                        .sorted()
                        .toList();
            }
        }, false);
    }

    @Override
    public Future<Void> delete(String key) {
        Path file = file(key);
        return blocking.executeBlocking(() -> {
            Files.deleteIfExists(file);
            // directories left empty go too, as they would on S3
            for (Path dir = file.getParent(); dir != null && !dir.equals(root) && dir.startsWith(root); dir = dir.getParent()) {
                try {
                    Files.deleteIfExists(dir);
                } catch (java.nio.file.DirectoryNotEmptyException e) {
                    break;
                }
            }
            return null;
        }, false);
    }

    @Override
    public String describe() {
        return root.toString();
    }
}
