package dev.phoenix.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void largeFleet_rewritesOneLineAtMostEvery200ms_andEndsItWithTheLastMember() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long[] now = {0};
        BiConsumer<Integer, Integer> progress = Progress.line(new PrintStream(bytes, true, StandardCharsets.UTF_8), () -> now[0]);
        for (int done = 1; done <= 2000; done++) {
            progress.accept(done, 2000);
            now[0] += 1_000_000L; // a member per millisecond: 2 s in all
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        String[] updates = out.split("\r", -1);
        assertThat(updates[0]).isEmpty();
        assertThat(updates).hasSizeBetween(10, 12); // the first, one per 200 ms, the last
        assertThat(updates[1]).isEqualTo("probed 1 of 2000 members");
        assertThat(updates[updates.length - 1]).isEqualTo("probed 2000 of 2000 members\n");
        assertThat(out.chars().filter(c -> c == '\n').count()).isEqualTo(1);
    }

    @Test
    void smallFleet_printsNothing() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BiConsumer<Integer, Integer> progress = Progress.line(new PrintStream(bytes, true, StandardCharsets.UTF_8), System::nanoTime);
        for (int done = 1; done <= 999; done++) {
            progress.accept(done, 999);
        }
        assertThat(bytes.size()).isZero();
    }
}
