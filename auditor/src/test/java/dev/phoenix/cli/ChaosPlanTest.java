package dev.phoenix.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code phoenix chaos plan} on simulated fleets: it names the members the next unleashed run
 * would terminate and why, exits 0, and writes nothing to the store; the run it foretells, with
 * the same seed, terminates exactly those.
 */
class ChaosPlanTest {

    @TempDir
    Path dir;

    private Path config(String webVersion) throws IOException {
        Path file = dir.resolve("phoenix.yml");
        Files.writeString(file, """
                store: .phoenix
                probing: {targets: loopback}
                groups:
                  - name: web
                    source: {simulated: {members: 3, kind: instance, image: web, version: %s}}
                    probes: [{http: {url: "{url}", name: state, identity: ["member.*"]}}]
                  - name: api
                    source: {simulated: {members: 3, kind: container, image: api, version: 1.9.0}}
                    probes: [{http: {url: "{url}", name: state, identity: ["member.*"]}}]
                chaos: {enabled: true, max-per-group: 1, min-healthy: 50%%, replace-timeout: 30s, target: stale-first}
                report: {formats: [json]}
                """.formatted(webVersion));
        return file;
    }

    private List<String> storeFiles() throws IOException {
        Path store = dir.resolve(".phoenix");
        if (!Files.exists(store)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(store)) {
            return files.filter(Files::isRegularFile).map(p -> p.toString() + ":" + p.toFile().lastModified() + ":" + p.toFile().length())
                    .sorted().toList();
        }
    }

    @Test
    void plan_namesTheVictimsOfTheNextRun_touchesNothing_andTheRunTerminatesThose() throws IOException {
        Path cfg = config("2.4.1");
        Cli proven = Cli.run("audit", "--config", cfg.toString(), "--chaos", "--unleash", "--seed", "5", "--out", dir.resolve("a").toString());
        assertThat(proven.exit()).as(proven.err()).isEqualTo(0);
        config("2.5.0"); // web is rolled out to a new image: its proof is stale, api's is fresh
        List<String> before = storeFiles();

        Cli plan = Cli.run("chaos", "plan", "--config", cfg.toString(), "--seed", "9");

        assertThat(plan.exit()).as(plan.err()).isEqualTo(0);
        assertThat(storeFiles()).isEqualTo(before);
        List<String> terminate = plan.out().lines().filter(l -> l.startsWith("  TERMINATE  ")).toList();
        assertThat(terminate).singleElement().satisfies(l -> assertThat(l).startsWith("  TERMINATE  web/web-")
                .contains("stale-first: STALE: last proven for web:2.4.1").contains("it now runs web:2.5.0"));
        assertThat(plan.out()).contains("  leave      api: not injecting: stale-first: proven for api:1.9.0")
                .contains("web: STALE (provenance-changed)");
        String victim = terminate.get(0).substring("  TERMINATE  web/".length()).split(":")[0];

        Cli run = Cli.run("audit", "--config", cfg.toString(), "--chaos", "--unleash", "--seed", "9", "--out", dir.resolve("b").toString());
        assertThat(run.exit()).as(run.err()).isEqualTo(0);
        assertThat(run.out()).contains("REPRODUCED         web      " + victim + " -> ");
        assertThat(Files.readString(dir.resolve("b/scorecard.json"))).contains("\"provenance\" : \"web:2.5.0\"");
    }

    @Test
    void plan_withABadConfig_isAUsageError() throws IOException {
        Path bad = dir.resolve("bad.yml");
        Files.writeString(bad, """
                groups:
                  - {name: web, source: {simulated: {members: 1}}, probes: [{http: {url: "{url}"}}]}
                chaos: {target: oldest}
                """);
        Cli plan = Cli.run("chaos", "plan", "--config", bad.toString());
        assertThat(plan.exit()).isEqualTo(2);
        assertThat(plan.err()).contains("chaos.target").contains("stale-first");
    }
}
