package dev.phoenix.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phoenix.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three JVMs claiming in one local store's chaos ledger at the same time: the lock file beside the
 * ledger makes them take turns, so no process loses another's recordings.
 */
class LedgerAcrossProcessesTest {

    @TempDir
    Path dir;

    @Test
    void threeProcessesClaimingAtOnce_loseNothing() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> processes = new ArrayList<>();
        for (String prefix : List.of("a", "b", "c")) {
            processes.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), LedgerClaimer.class.getName(),
                    dir.toString(), prefix, "15")
                    .redirectErrorStream(true).redirectOutput(dir.resolve(prefix + ".log").toFile()).start());
        }
        for (int i = 0; i < processes.size(); i++) {
            Process p = processes.get(i);
            assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("claimer finished").isTrue();
            String log = Files.readString(dir.resolve(List.of("a", "b", "c").get(i) + ".log"), StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(log).isZero();
            assertThat(log).contains("granted 15");
        }
        Map<String, Object> ledger = Json.mapper().readValue(dir.resolve(ObjectChaosLedger.KEY).toFile(),
                new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { });
        assertThat(ledger).hasSize(45);
        for (String prefix : List.of("a", "b", "c")) {
            for (int i = 0; i < 15; i++) {
                assertThat(ledger).containsKey(prefix + "-" + i);
            }
        }
    }
}
