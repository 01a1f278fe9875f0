package dev.phoenix.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.phoenix.cli.Cli;
import dev.phoenix.fleet.FleetFactory;
import dev.phoenix.probe.ProbeFactory;
import dev.phoenix.spi.Registry;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shipped config schema agrees with what the loader accepts. */
class ConfigSchemaTest {

    private static JsonSchema schema;
    private static JsonNode schemaDoc;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = ConfigSchemaTest.class.getResourceAsStream("/dev/phoenix/config/phoenix-config.schema.json")) {
            schemaDoc = new ObjectMapper().readTree(in);
        }
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaDoc);
    }

    @Test
    void demoConfig_validates() throws Exception {
        JsonNode demo = YAML.readTree(Cli.run("demo", "--print-config").out());
        assertThat(schema.validate(demo)).isEmpty();
    }

    @Test
    void dockerConfigOfTheReadme_validates() throws Exception {
        JsonNode docker = YAML.readTree("""
                docker: {host: "unix:///var/run/docker.sock"}
                groups:
                  - name: shop-api
                    source: {docker: {labels: {app: shop-api}, names: ["shop-*"], stop-timeout: 5s}}
                    identity: [docker.env.PORT, docker.exposedPorts]
                    probes:
                      - docker-inspect
                      - {docker-diff: {allow: [/srv/cache]}}
                      - {exec: {name: app-conf, command: [sha256sum, /etc/app.conf], timeout: 10s}}
                      - {http: {url: "http://{host}:{port}/state", name: state}}
                chaos: {enabled: true, replace-timeout: 2m, target: mutated-first}
                """);
        assertThat(schema.validate(docker)).isEmpty();
    }

    @Test
    void sshConfigOfTheReadme_validates() throws Exception {
        JsonNode ssh = YAML.readTree("""
                groups:
                  - name: web
                    source: {ansible: {inventory: inventory/hosts.ini, pattern: "webservers:&prod"}}
                    probes:
                      - ssh:
                          identity: ~/.ssh/audit_ed25519
                          host-key: accept-new
                          timeout: 30s
                          collectors:
                            - os
                            - packages
                            - {files: [/etc/phoenix-app/app.conf, "/etc/cron.d/*"]}
                            - {services: [phoenix-app, cron]}
                            - {sysctl: [net.ipv4.ip_forward, "vm."]}
                            - users
                            - {command: {name: app-version, run: "cat /usr/share/phoenix-app/VERSION", stdout: text}}
                  - name: db
                    source: {ssh: {hosts: [{name: db-1, host: db-1.internal, port: 22, user: audit}, "audit@db-2.internal:2222"], file: db.txt}}
                    probes: [ssh]
                  - name: aws-legacy
                    source: {aws-ec2: {tags: {role: legacy}}}
                    probes: [aws-instance, {ssh: {host: "{privateIp}", user: ec2-user, collectors: [os, packages]}},
                             {http: {url: "http://{privateIp}:8080/config"}}]
                """);
        assertThat(schema.validate(ssh)).isEmpty();
        JsonNode bad = YAML.readTree("groups:\n  - name: w\n    source: {ssh: {hosts: [h]}}\n    probes: [{ssh: {collectors: [{files: 3}]}}]\n");
        assertThat(schema.validate(bad)).isNotEmpty();
    }

    @Test
    void typo_isRejectedByTheSchemaToo() throws Exception {
        JsonNode bad = YAML.readTree("groups:\n  - name: web\n    sorce: {simulated: {}}\n    probes: [http]\n");
        assertThat(schema.validate(bad)).isNotEmpty();
    }

    @Test
    void schema_describesEveryTopLevelKeyAndEveryRegisteredSource() {
        List<String> topLevel = new ArrayList<>();
        schemaDoc.get("properties").fieldNames().forEachRemaining(topLevel::add);
        assertThat(topLevel).containsExactlyInAnyOrderElementsOf(ConfigLoader.keys(Registry.load(dev.phoenix.spi.SectionParser.class, "section")));
        List<String> sources = new ArrayList<>();
        schemaDoc.get("$defs").get("source").get("properties").fieldNames().forEachRemaining(sources::add);
        assertThat(sources).containsExactlyInAnyOrderElementsOf(Registry.load(FleetFactory.class, "source").names());
        List<String> probesWithSettings = new ArrayList<>();
        schemaDoc.get("$defs").get("probe").get("oneOf").get(1).get("properties").fieldNames().forEachRemaining(probesWithSettings::add);
        assertThat(Registry.load(ProbeFactory.class, "probe").names()).containsAll(probesWithSettings);
    }

    /** The properties a schema node describes, looking through $ref, oneOf and anyOf. */
    private static List<String> properties(JsonNode node) {
        List<String> names = new ArrayList<>();
        if (node == null) {
            return names;
        }
        if (node.has("$ref")) {
            String ref = node.get("$ref").asText();
            return properties(schemaDoc.at(ref.substring(1)));
        }
        if (node.has("properties")) {
            node.get("properties").fieldNames().forEachRemaining(names::add);
        }
        for (String alt : List.of("oneOf", "anyOf", "allOf")) {
            if (node.has(alt)) {
                node.get(alt).forEach(n -> properties(n).stream().filter(k -> !names.contains(k)).forEach(names::add));
            }
        }
        return names;
    }

    private static JsonNode chaosNode() {
        JsonNode c = schemaDoc.get("properties").get("chaos");
        return c.has("$ref") ? schemaDoc.at(c.get("$ref").asText().substring(1)) : c;
    }

    @Test
    void everyKeyEverySourceProbeAndSectionTakes_isInTheSchema_andNothingElse() {
        JsonNode sources = schemaDoc.get("$defs").get("source").get("properties");
        for (FleetFactory f : Registry.load(FleetFactory.class, "source").all()) {
            assertThat(properties(sources.get(f.name()))).as("source " + f.name()).containsExactlyInAnyOrderElementsOf(f.keys());
        }
        JsonNode probes = schemaDoc.get("$defs").get("probe").get("oneOf").get(1).get("properties");
        for (ProbeFactory f : Registry.load(ProbeFactory.class, "probe").all()) {
            assertThat(properties(probes.get(f.name()))).as("probe " + f.name()).containsExactlyInAnyOrderElementsOf(f.keys());
        }
        for (dev.phoenix.spi.SectionParser<?> p : Registry.load(dev.phoenix.spi.SectionParser.class, "section").all()) {
            assertThat(properties(schemaDoc.get("properties").get(p.name()))).as("section " + p.name())
                    .containsExactlyInAnyOrderElementsOf(p.keys());
        }
        JsonNode conditions = properties(schemaDoc.get("properties").get("chaos")).contains("stop-conditions")
                ? chaosNode().get("properties").get("stop-conditions").get("items").get("properties") : null;
        for (dev.phoenix.stop.StopConditionFactory f : Registry.load(dev.phoenix.stop.StopConditionFactory.class, "stop condition").all()) {
            assertThat(conditions).as("chaos.stop-conditions in the schema").isNotNull();
            assertThat(properties(conditions.get(f.name()))).as("stop condition " + f.name()).containsExactlyInAnyOrderElementsOf(f.keys());
        }
        assertThat(properties(schemaDoc.get("$defs").get("group"))).as("a group").containsExactlyInAnyOrderElementsOf(ConfigLoader.GROUP_KEYS);
        assertThat(properties(schemaDoc.get("properties").get("chaos"))).as("chaos")
                .containsExactlyInAnyOrderElementsOf(dev.phoenix.chaos.ChaosSettings.KEYS);
        assertThat(properties(schemaDoc.get("properties").get("probing"))).as("probing").containsExactlyInAnyOrderElementsOf(ProbingSettings.KEYS);
        assertThat(properties(schemaDoc.get("properties").get("report"))).as("report").containsExactlyInAnyOrderElementsOf(ReportSettings.KEYS);
        assertThat(properties(schemaDoc.get("properties").get("schedule"))).as("schedule")
                .containsExactlyInAnyOrderElementsOf(dev.phoenix.schedule.ScheduleSettings.KEYS);
        assertThat(properties(schemaDoc.get("properties").get("history"))).as("history")
                .containsExactlyInAnyOrderElementsOf(dev.phoenix.history.HistorySettings.KEYS);
    }

    @Test
    void schemaCommand_printsBothSchemas() {
        assertThat(Cli.run("schema", "config").out()).contains("\"title\": \"Phoenix configuration\"");
        assertThat(Cli.run("schema", "scorecard").out()).contains("\"title\": \"Phoenix consistency scorecard\"");
    }
}
