package dev.phoenix.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.phoenix.json.Json;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three {@code phoenix serve --cluster} JVMs on loopback, started and killed ({@code kill -9}) by the
 * test, auditing a fleet of the test's own split in three zones: a (node A), b (node B) and c (no node
 * of its own: node C, which serves every zone, takes it).
 */
class ClusterTest {

    static final int PER_ZONE = 500;
    static final Pattern MEMBER = Pattern.compile("(([abc])-\\d{4})");

    @TempDir
    Path dir;
    private final List<PhoenixNode> nodes = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        Path logs = Path.of("target", "cluster-test");
        Files.createDirectories(logs);
        for (PhoenixNode n : nodes) {
            n.close();
            Files.copy(n.err, logs.resolve(n.name + ".err"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void threeNodes_probeEveryMemberOnceInItsZone_reassignADeadNodesBatches_andANewLeaderReRunsTheAudit() throws Exception {
        try (CountingFleet fleet = CountingFleet.start(Set.of("b"), 150)) {
            int[] ports = {PhoenixNode.freePort(), PhoenixNode.freePort(), PhoenixNode.freePort()};
            Path config = config(fleet, ports);
            PhoenixNode a = node("a", config, ports[0], "a");
            // A alone first, so that it takes the lead; then B and C join
            String leader = waitForCluster(List.of(a), 1);
            assertThat(leader).isEqualTo(self(a));
            PhoenixNode b = node("b", config, ports[1], "b");
            PhoenixNode c = node("c", config, ports[2], null);
            assertThat(waitForCluster(List.of(a, b, c), 3)).as("the leader, as every node sees it").isEqualTo(self(a));
            JsonNode view = cluster(b);
            assertThat(view.get("self").asText()).isEqualTo(self(b));
            assertThat(view.get("nodes")).hasSize(3);
            assertThat(zones(view)).containsEntry(self(a), "a").containsEntry(self(b), "b").containsEntry(self(c), null);
            HttpResponse<String> refused = b.post("/api/runs");
            assertThat(refused.statusCode()).as("a follower starts no run").isEqualTo(409);
            assertThat(Json.mapper().readTree(refused.body()).get("leader").asText()).isEqualTo(self(a));

            // 1. a whole cluster: each member probed once, by the node of its zone
            long start = System.nanoTime();
            JsonNode card = audit(a);
            long firstMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            System.out.printf("cluster: 3 nodes audited %d members in %d ms%n", 3 * PER_ZONE, firstMs);
            assertEachMemberOnce(card);
            for (String z : List.of("a", "b", "c")) {
                for (int i = 0; i < PER_ZONE; i++) {
                    assertThat(fleet.hits(String.format("%s-%04d", z, i))).as("requests to %s-%04d", z, i).isEqualTo(1);
                }
            }
            assertThat(probed(a)).isEqualTo(Map.of("a", (long) PER_ZONE));
            assertThat(probed(b)).isEqualTo(Map.of("b", (long) PER_ZONE));
            assertThat(probed(c)).as("zone c has no node of its own: the node of no zone serves it")
                    .isEqualTo(Map.of("c", (long) PER_ZONE));

            // 2. node B dies holding zone b's batches: they go to C, which serves every zone
            fleet.reset();
            HttpResponse<String> second = a.post("/api/runs");
            assertThat(second.statusCode()).isEqualTo(202);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (fleet.seen().stream().noneMatch(id -> id.startsWith("b-")) && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            b.kill9();
            card = awaitRun(a, Json.mapper().readTree(second.body()).get("runId").asText());
            assertEachMemberOnce(card);
            assertThat(unreachable(card)).as("every member of zone b probed after B died").isEmpty();
            assertThat(probed(c).get("b")).as("zone b's batches reassigned to C").isPositive();
            assertThat(probed(c).get("b")).isLessThanOrEqualTo((long) PER_ZONE);
            assertThat(probed(a)).as("A still probed only zone a").containsOnlyKeys("a");

            // 3. the leader dies during a run: C takes the lock and runs that audit again, alone
            String secondId = card.get("runId").asText();
            fleet.reset();
            HttpResponse<String> third = a.post("/api/runs");
            assertThat(third.statusCode()).isEqualTo(202);
            String thirdId = Json.mapper().readTree(third.body()).get("runId").asText();
            until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (fleet.seen().isEmpty() && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            a.kill9();
            assertThat(waitForCluster(List.of(c), 1)).isEqualTo(self(c));
            card = awaitNewScorecard(c, Set.of(secondId, thirdId));
            assertEachMemberOnce(card);
            assertThat(unreachable(card)).isEmpty();
            assertThat(c.get("/api/runs/" + thirdId).statusCode()).as("the run the dead leader had in flight left no scorecard")
                    .isEqualTo(404);
        }
    }

    @Test
    void aSingleNode_neverLoadsHazelcast() throws Exception {
        try (CountingFleet fleet = CountingFleet.start(Set.of(), 0)) {
            fleet.writeUrls(dir.resolve("a.txt"), "a", 20);
            Path config = dir.resolve("single.yaml");
            Files.writeString(config, """
                    store: store-single
                    probing: {targets: loopback}
                    cluster: {members: ["127.0.0.1:5701"]}
                    groups:
                      - {name: a, zone: a, source: {static: {file: a.txt}}, probes: [{http: {name: state, identity: ["member.*"]}}]}
                    """);
            Path classes = dir.resolve("classes.log");
            PhoenixNode single = PhoenixNode.start(dir, "single", List.of("-Xlog:class+load=info:file=" + classes),
                    "serve", "--config", config.toString(), "--port", "0");
            nodes.add(single);
            JsonNode card = audit(single);
            assertThat(card.get("members")).hasSize(20);
            assertThat(single.get("/api/cluster").statusCode()).isEqualTo(404);
            single.close();
            String loaded = Files.readString(classes);
            assertThat(loaded).as("the class-load log").contains("dev.phoenix.cli.Daemon");
            List<String> hazelcast = loaded.lines().filter(l -> l.contains("hazelcast") || l.contains("HazelcastCluster")).toList();
            assertThat(hazelcast).as("Hazelcast classes a single node loaded").isEmpty();
        }
    }

    private Path config(CountingFleet fleet, int[] ports) throws Exception {
        StringBuilder groups = new StringBuilder();
        for (String z : List.of("a", "b", "c")) {
            fleet.writeUrls(dir.resolve(z + ".txt"), z, PER_ZONE);
            groups.append("  - {name: ").append(z).append(", zone: ").append(z).append(", source: {static: {file: ").append(z)
                    .append(".txt}}, probes: [{http: {name: state, identity: [\"member.*\"]}}]}\n");
        }
        Path config = dir.resolve("phoenix.yaml");
        Files.writeString(config, """
                store: store
                probing: {targets: loopback, timeout: 10s}
                cluster: {members: ["127.0.0.1:%d", "127.0.0.1:%d", "127.0.0.1:%d"], batch: 50}
                groups:
                %s""".formatted(ports[0], ports[1], ports[2], groups));
        return config;
    }

    private PhoenixNode node(String name, Path config, int clusterPort, String zone) throws Exception {
        List<String> args = new ArrayList<>(List.of("serve", "--config", config.toString(), "--port", "0", "--cluster",
                "--cluster-port", Integer.toString(clusterPort)));
        if (zone != null) {
            args.addAll(List.of("--zone", zone));
        }
        PhoenixNode n = PhoenixNode.start(dir, name, List.of("-Xmx256m"), args.toArray(new String[0]));
        nodes.add(n);
        return n;
    }

    /** Waits until every node lists {@code size} nodes and names one leader, the same; returns it. */
    private static String waitForCluster(List<PhoenixNode> nodes, int size) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
        String last = "";
        while (System.nanoTime() < until) {
            Set<String> leaders = new HashSet<>();
            boolean whole = true;
            for (PhoenixNode n : nodes) {
                JsonNode v = cluster(n);
                last = n.name + ": " + v;
                whole &= v.get("nodes").size() == size;
                leaders.add(v.get("leader").isNull() ? null : v.get("leader").asText());
            }
            if (whole && leaders.size() == 1 && !leaders.contains(null)) {
                return leaders.iterator().next();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no cluster of " + size + " with one leader; last view " + last + "\n"
                + nodes.get(0).log());
    }

    private static JsonNode cluster(PhoenixNode n) throws Exception {
        HttpResponse<String> r = n.get("/api/cluster");
        assertThat(r.statusCode()).as("GET /api/cluster on %s: %s", n.name, r.body()).isEqualTo(200);
        return Json.mapper().readTree(r.body());
    }

    private static String self(PhoenixNode n) throws Exception {
        return cluster(n).get("self").asText();
    }

    private static Map<String, String> zones(JsonNode view) {
        Map<String, String> out = new HashMap<>();
        view.get("nodes").forEach(n -> out.put(n.get("id").asText(), n.get("zone").isNull() ? null : n.get("zone").asText()));
        return out;
    }

    private static Map<String, Long> probed(PhoenixNode n) throws Exception {
        Map<String, Long> out = new HashMap<>();
        cluster(n).get("probed").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asLong()));
        return out;
    }

    private static JsonNode audit(PhoenixNode leader) throws Exception {
        HttpResponse<String> r = leader.post("/api/runs");
        assertThat(r.statusCode()).as("POST /api/runs: %s", r.body()).isEqualTo(202);
        return awaitRun(leader, Json.mapper().readTree(r.body()).get("runId").asText());
    }

    private static JsonNode awaitRun(PhoenixNode node, String id) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < until) {
            HttpResponse<String> r = node.get("/api/runs/" + id);
            if (r.statusCode() == 200) {
                JsonNode body = Json.mapper().readTree(r.body());
                if (body.has("members")) {
                    return body;
                }
                assertThat(body.has("error")).as("run %s: %s", id, r.body()).isFalse();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("run " + id + " did not finish within 60 s\n" + node.log());
    }

    /** The newest scorecard once it is none of {@code old}: the run a new leader started on its own. */
    private static JsonNode awaitNewScorecard(PhoenixNode node, Set<String> old) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < until) {
            HttpResponse<String> r = node.get("/api/scorecard/latest");
            if (r.statusCode() == 200) {
                JsonNode body = Json.mapper().readTree(r.body());
                if (!old.contains(body.get("runId").asText())) {
                    return body;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no new run on " + node.name + " within 60 s\n" + node.log());
    }

    private static void assertEachMemberOnce(JsonNode card) {
        Map<String, Integer> seen = new HashMap<>();
        for (JsonNode m : card.get("members")) {
            Matcher matcher = MEMBER.matcher(m.get("id").asText());
            assertThat(matcher.find()).as("member id %s", m.get("id")).isTrue();
            seen.merge(matcher.group(1), 1, Integer::sum);
        }
        assertThat(seen).hasSize(3 * PER_ZONE);
        assertThat(seen.values()).containsOnly(1);
        assertThat(card.get("complete").asBoolean()).isTrue();
    }

    private static List<String> unreachable(JsonNode card) {
        List<String> out = new ArrayList<>();
        card.get("members").forEach(m -> {
            if (m.get("status").asText().equals("UNREACHABLE")) {
                out.add(m.get("id").asText() + ": " + m.get("probeErrors"));
            }
        });
        return out;
    }
}
