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

    @Test
    void schemaCommand_printsBothSchemas() {
        assertThat(Cli.run("schema", "config").out()).contains("\"title\": \"Phoenix configuration\"");
        assertThat(Cli.run("schema", "scorecard").out()).contains("\"title\": \"Phoenix consistency scorecard\"");
    }
}
