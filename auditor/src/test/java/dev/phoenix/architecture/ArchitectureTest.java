package dev.phoenix.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers of DESIGN.md as rules over every main class of every module: the model and SPIs
 * import no adapter, the engine imports no AWS, Docker, SSH or Web Client type, exporters import
 * no fleet or probe, nothing reaches into Vert.x internals, and no package cycle anywhere.
 * {@link #aRuleCatchesAViolation()} shows that a broken rule fails.
 */
class ArchitectureTest {

    /** Packages that touch the outside world through a client library. */
    static final String[] ADAPTERS = {"dev.phoenix.http..", "dev.phoenix.simulated..", "dev.phoenix.inventory..",
            "dev.phoenix.docker..", "dev.phoenix.aws..", "dev.phoenix.ssh..", "dev.phoenix.localstack.."};
    /** The client libraries the adapters bring. */
    static final String[] CLIENT_LIBRARIES = {"software.amazon..", "com.github.dockerjava..", "org.apache.sshd..",
            "io.vertx.ext.web.client..", "org.testcontainers.."};
    static final String[] CORE = {"dev.phoenix.model..", "dev.phoenix.fleet..", "dev.phoenix.probe..", "dev.phoenix.spi..",
            "dev.phoenix.store..", "dev.phoenix.json..", "dev.phoenix.io.."};
    static final String[] ENGINE = {"dev.phoenix.audit..", "dev.phoenix.observe..", "dev.phoenix.drift..", "dev.phoenix.baseline..",
            "dev.phoenix.chaos..", "dev.phoenix.score..", "dev.phoenix.runtime..", "dev.phoenix.schedule..", "dev.phoenix.history..",
            "dev.phoenix.config..", "dev.phoenix.api..", "dev.phoenix.proof..", "dev.phoenix.attest.."};

    static final ArchRule CORE_IMPORTS_NO_ADAPTER = noClasses().that().resideInAnyPackage(CORE)
            .should().dependOnClassesThat().resideInAnyPackage(concat(ADAPTERS, CLIENT_LIBRARIES))
            .as("the model and the SPIs import no adapter and no adapter's client library");
    static final ArchRule ENGINE_IMPORTS_NO_ADAPTER = noClasses().that().resideInAnyPackage(ENGINE)
            .should().dependOnClassesThat().resideInAnyPackage(concat(ADAPTERS, CLIENT_LIBRARIES))
            .as("the engine imports no AWS, Docker, SSH or Web Client type, nor any adapter");
    static final ArchRule EXPORTERS_IMPORT_NO_FLEET = noClasses().that().resideInAPackage("dev.phoenix.report..")
            .should().dependOnClassesThat().resideInAnyPackage(concat(new String[] {"dev.phoenix.fleet..", "dev.phoenix.probe.."},
                    concat(ADAPTERS, CLIENT_LIBRARIES)))
            .as("exporters only format a finished scorecard: they import no fleet, probe or adapter");
    static final ArchRule PUBLIC_VERTX_ONLY = noClasses().that().resideInAPackage("dev.phoenix..")
            .should().dependOnClassesThat().resideInAnyPackage("io.vertx.core.internal..", "io.vertx..impl..")
            .as("only public Vert.x API");
    static final ArchRule HAZELCAST_IN_ONE_PLACE = noClasses().that().doNotHaveFullyQualifiedName("dev.phoenix.cluster.HazelcastCluster")
            .should().dependOnClassesThat().resideInAnyPackage("com.hazelcast..", "io.vertx.spi.cluster.hazelcast..")
            .as("only dev.phoenix.cluster.HazelcastCluster touches Hazelcast, so that a single node never loads it");
    static final ArchRule NO_CYCLES = slices().matching("dev.phoenix.(*)..").should().beFreeOfCycles()
            .as("no package cycles");

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.phoenix");
    }

    @Test
    void theMainClassesOfEveryModuleAreThere() {
        // the rules below prove nothing about classes they do not see
        assertThat(main.containPackage("dev.phoenix.model")).isTrue();
        assertThat(main.containPackage("dev.phoenix.aws")).isTrue();
        assertThat(main.containPackage("dev.phoenix.docker")).isTrue();
        assertThat(main.containPackage("dev.phoenix.chaos")).isTrue();
        assertThat(main.containPackage("dev.phoenix.report")).isTrue();
    }

    @Test
    void modelAndSpis_importNoAdapter() {
        CORE_IMPORTS_NO_ADAPTER.check(main);
    }

    @Test
    void engine_importsNoAwsDockerSshOrWebClientType() {
        ENGINE_IMPORTS_NO_ADAPTER.check(main);
    }

    @Test
    void exporters_importNoFleetOrProbe() {
        EXPORTERS_IMPORT_NO_FLEET.check(main);
    }

    @Test
    void onlyPublicVertxApi() {
        PUBLIC_VERTX_ONLY.check(main);
    }

    @Test
    void onlyTheClusterJoinTouchesHazelcast() {
        HAZELCAST_IN_ONE_PLACE.check(main);
    }

    @Test
    void noPackageCycles() {
        NO_CYCLES.check(main);
    }

    @Test
    void aRuleCatchesAViolation() {
        // a class of the engine's chaos package that reaches for the AWS SDK, as a regression would
        JavaClasses broken = new ClassFileImporter().importClasses(dev.phoenix.chaos.ArchitectureViolation.class);
        assertThat(ENGINE_IMPORTS_NO_ADAPTER.evaluate(broken).hasViolation()).isTrue();
        assertThat(ENGINE_IMPORTS_NO_ADAPTER.evaluate(broken).getFailureReport().toString())
                .contains("software.amazon.awssdk.services.ec2.Ec2AsyncClient");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
