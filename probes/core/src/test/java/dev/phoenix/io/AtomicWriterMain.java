package dev.phoenix.io;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Rewrites a file atomically forever; {@link AtomicFilesTest} kills it mid-write. */
public final class AtomicWriterMain {

    static final int LINES = 2000;

    private AtomicWriterMain() {
    }

    public static void main(String[] args) throws Exception {
        Path target = Path.of(args[0]);
        for (long version = 0; ; version++) {
            long v = version;
            AtomicFiles.write(target, out -> {
                out.write(("version " + v + "\n").getBytes(StandardCharsets.UTF_8));
                for (int i = 1; i < LINES; i++) {
                    out.write(("line " + i + " of version " + v + "\n").getBytes(StandardCharsets.UTF_8));
                }
                out.write(("end version " + v + "\n").getBytes(StandardCharsets.UTF_8));
            });
        }
    }
}
