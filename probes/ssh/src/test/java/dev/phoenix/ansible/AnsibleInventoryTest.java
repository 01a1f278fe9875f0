package dev.phoenix.ansible;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.phoenix.fleet.FleetSpec;
import dev.phoenix.model.Member;
import dev.phoenix.model.Mutability;
import dev.phoenix.spi.ConfigException;
import dev.phoenix.spi.ProviderContext;
import dev.phoenix.spi.Sections;
import dev.phoenix.spi.Settings;
import dev.phoenix.ssh.HostFleet;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Ansible inventories (INI and YAML), host patterns and the members they give. */
class AnsibleInventoryTest {

    static final String INI = """
            # a comment
            bastion ansible_host=127.0.0.9
            [webservers]
            web-[1:3] ansible_host=127.0.0.1
            [dbservers]
            db-1 ansible_host=127.0.0.1 ansible_port=2201 ansible_user=dba ansible_ssh_private_key_file=keys/db
            db-2 ansible_port=2202 phoenix_mutability=immutable
            [prod:children]
            webservers
            dbservers
            [staging]
            web-3
            [webservers:vars]
            ansible_port=2222
            http_port=8080
            [all:vars]
            ansible_user=audit
            """;

    static final String YAML = """
            all:
              vars: {ansible_user: audit}
              children:
                prod:
                  children:
                    webservers:
                      hosts:
                        web-[1:3]: {ansible_host: 127.0.0.1}
                      vars: {ansible_port: 2222, http_port: 8080}
                    dbservers:
                      hosts:
                        db-1: {ansible_host: 127.0.0.1, ansible_port: 2201, ansible_user: dba, ansible_ssh_private_key_file: keys/db}
                        db-2: {ansible_port: 2202, phoenix_mutability: immutable}
                staging:
                  hosts:
                    web-3:
              hosts:
                bastion: {ansible_host: 127.0.0.9}
            """;

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource(delimiter = '|', value = {
            "ini  | all                        | bastion,web-1,web-2,web-3,db-1,db-2",
            "yaml | all                        | web-1,web-2,web-3,db-1,db-2,bastion",
            "ini  | webservers                 | web-1,web-2,web-3",
            "ini  | prod:&staging              | web-3",
            "yaml | prod:&staging              | web-3",
            "ini  | webservers:!staging        | web-1,web-2",
            "ini  | !staging:&prod             | web-1,web-2,db-1,db-2",
            "ini  | dbservers:web-1            | web-1,db-1,db-2",
            "ini  | web-*                      | web-1,web-2,web-3",
            "ini  | ungrouped                  | bastion",
            "yaml | prod:!db-*:&webservers     | web-1,web-2,web-3"})
    void patterns_selectAsAnsibleDoes(String format, String pattern, String expected) throws Exception {
        Inventory inv = format.equals("ini") ? IniInventory.parse(INI, "hosts") : YamlInventory.parse(YAML, "hosts.yml");
        assertThat(HostPattern.parse(pattern, "pattern").select(inv, "pattern")).containsExactly(expected.split(","));
    }

    @ParameterizedTest
    @CsvSource({"hosts.ini", "hosts.yml"})
    void members_carryTheInventoryNameAndTheirConnectionVariables(String file, @TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(file), file.endsWith(".ini") ? INI : YAML);
        Files.createDirectories(dir.resolve("host_vars"));
        Files.writeString(dir.resolve("host_vars/web-2.yml"), "ansible_port: 2299\n");
        Vertx vertx = Vertx.vertx();
        try {
            ProviderContext ctx = ProviderContext.create(vertx, Clock.systemUTC(), 1L, Map.of());
            HostFleet fleet = (HostFleet) new AnsibleFleetFactory().create(new FleetSpec("web", Settings.of("source.ansible",
                    Map.of("inventory", file, "pattern", "prod")), Optional.empty(), dev.phoenix.model.ChaosOptIn.defaults(),
                    Sections.none(), dir), ctx);
            List<Member> members = fleet.discover().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

            assertThat(members).extracting(Member::id).containsExactly("web-1", "web-2", "web-3", "db-1", "db-2");
            assertThat(fleet.expectedSize()).hasValue(5);
            Member web1 = members.get(0);
            assertThat(web1.name()).isEqualTo("web-1");
            assertThat(web1.provider()).isEqualTo("ansible");
            assertThat(web1.mutability()).isEqualTo(Mutability.MUTABLE);
            assertThat(web1.attributes()).containsEntry("ssh.host", "127.0.0.1").containsEntry("ssh.port", "2222")
                    .containsEntry("ssh.user", "audit").containsEntry("var:http_port", "8080").containsEntry("groups", "prod,webservers");
            assertThat(members.get(1).attribute("ssh.port")).isEqualTo("2299");
            Member db1 = members.get(3);
            assertThat(db1.attributes()).containsEntry("ssh.port", "2201").containsEntry("ssh.user", "dba")
                    .containsEntry("ssh.identity", dir.resolve("keys/db").toString());
            Member db2 = members.get(4);
            assertThat(db2.attribute("ssh.host")).isEqualTo("db-2");
            assertThat(db2.mutability()).isEqualTo(Mutability.IMMUTABLE);
        } finally {
            vertx.close();
        }
    }

    @Test
    void aPatternTermThatNamesNothing_isAConfigError() {
        Inventory inv = IniInventory.parse(INI, "hosts");
        assertThatThrownBy(() -> HostPattern.parse("webserver:&prod", "groups[0].source.ansible.pattern").select(inv,
                "groups[0].source.ansible.pattern"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'webserver' names no group and no host").hasMessageContaining("did you mean 'webservers'");
    }

    @Test
    void aMalformedIniLine_namesFileAndLine() {
        assertThatThrownBy(() -> IniInventory.parse("[web]\nweb-1 ansible_port\n", "hosts.ini"))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).path()).isEqualTo("hosts.ini:2"))
                .hasMessageContaining("expected key=value after the host name, found 'ansible_port'");
    }

    @Test
    void ranges_keepLeadingZerosAndStep() {
        assertThat(IniInventory.expand("web-[01:05:2].example", "x")).containsExactly("web-01.example", "web-03.example", "web-05.example");
        assertThat(IniInventory.expand("db-[a:c]", "x")).containsExactly("db-a", "db-b", "db-c");
    }
}
