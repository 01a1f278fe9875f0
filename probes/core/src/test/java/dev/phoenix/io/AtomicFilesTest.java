package dev.phoenix.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void aWriterFailingMidWay_leavesThePreviousContentAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("web.json");
        AtomicFiles.write(target, "{\"v\":1}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write("{\"v\":2, \"half".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        })).hasMessage("disk full");
        assertThat(Files.readString(target)).isEqualTo("{\"v\":1}");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("web.json");
        }
    }

    /** A process killed with SIGKILL while rewriting the file over and over never leaves it torn. */
    @Test
    void aProcessKilledMidWrite_neverLeavesATornFile() throws Exception {
        Path target = dir.resolve("baseline.txt");
        Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), AtomicWriterMain.class.getName(), target.toString())
                .redirectErrorStream(true).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!Files.exists(target) && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(target).as("the writer started writing").exists();
            for (int i = 0; i < 200; i++) {
                List<String> lines = Files.readAllLines(target);
                assertThat(lines).as("every read sees a whole version").hasSize(AtomicWriterMain.LINES + 1);
                assertThat(lines.get(lines.size() - 1)).isEqualTo("end " + lines.get(0));
            }
        } finally {
            writer.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        List<String> lines = Files.readAllLines(target);
        assertThat(lines).hasSize(AtomicWriterMain.LINES + 1);
        assertThat(lines.get(lines.size() - 1)).isEqualTo("end " + lines.get(0));
    }
}
