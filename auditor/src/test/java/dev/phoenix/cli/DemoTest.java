package dev.phoenix.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phoenix.report.ChaosResult;
import dev.phoenix.report.ChaosVerdict;
import dev.phoenix.report.MemberResult;
import dev.phoenix.report.MemberStatus;
import dev.phoenix.report.Scorecard;
import dev.phoenix.report.ScorecardJson;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code phoenix demo}: the whole loop on the embedded fleet, repeatable by seed. */
class DemoTest {

    @TempDir
    Path dir;

    private static Scorecard read(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return ScorecardJson.read(in);
        }
    }

    @Test
    void demo_showsDriftMutationAndBothChaosVerdicts_andTheSameSeedGivesTheSameFindings() throws Exception {
        Cli first = Cli.run("demo", "--out", dir.resolve("a").toString(), "--seed", "7");
        assertThat(first.exit()).as(first.err()).isEqualTo(ExitCode.OK);
        assertThat(dir.resolve("a/scorecard.json")).exists();
        assertThat(dir.resolve("a/scorecard.html")).exists();
        assertThat(dir.resolve("a/junit.xml")).exists();
        Scorecard a = read(dir.resolve("a/scorecard.json"));

        assertThat(a.members()).extracting(MemberResult::status).contains(MemberStatus.DRIFTED, MemberStatus.MUTATED);
        assertThat(a.members().stream().filter(m -> m.status() == MemberStatus.DRIFTED))
                .allMatch(m -> m.mutability().equals("mutable") && !m.drift().isEmpty());
        assertThat(a.members().stream().filter(m -> m.status() == MemberStatus.MUTATED))
                .allMatch(m -> m.mutability().equals("immutable") && !m.drift().isEmpty());
        ChaosResult reproduced = a.chaos().stream().filter(c -> c.verdict() == ChaosVerdict.REPRODUCED).findFirst().orElseThrow();
        ChaosResult diverged = a.chaos().stream().filter(c -> c.verdict() == ChaosVerdict.DIVERGED).findFirst().orElseThrow();
        assertThat(reproduced.timeToReplaceMs()).isNotNull();
        assertThat(reproduced.diff()).isEmpty();
        assertThat(diverged.timeToReplaceMs()).isNotNull();
        assertThat(diverged.diff()).isNotEmpty();
        assertThat(diverged.replacementMatchesGolden()).isTrue();
        assertThat(a.members().stream().filter(m -> m.id().equals(diverged.victim())).findFirst().orElseThrow().status())
                .as("the diverged victim is the member that was changed in place").isEqualTo(MemberStatus.MUTATED);
        assertThat(a.mode()).isEqualTo("unleashed");
        assertThat(first.out()).contains("DIVERGED", "REPRODUCED", "DRIFTED", "MUTATED");

        Cli second = Cli.run("demo", "--out", dir.resolve("b").toString(), "--seed", "7");
        Scorecard b = read(dir.resolve("b/scorecard.json"));
        assertThat(findings(b)).isEqualTo(findings(a));
        assertThat(b.chaos()).extracting(ChaosResult::victim, ChaosResult::verdict)
                .isEqualTo(a.chaos().stream().map(c -> org.assertj.core.groups.Tuple.tuple(c.victim(), c.verdict())).toList());
        assertThat(second.exit()).isEqualTo(ExitCode.OK);
    }

    @Test
    void members_andPrintConfig_areHonoured() {
        Cli small = Cli.run("demo", "--out", dir.resolve("s").toString(), "--members", "6");
        assertThat(small.exit()).isEqualTo(ExitCode.OK);
        assertThat(small.out()).contains("Simulated fleet: 6 members");
        assertThat(Cli.run("demo", "--members", "2").exit()).isEqualTo(ExitCode.USAGE);
        Cli config = Cli.run("demo", "--print-config");
        assertThat(config.out()).contains("simulated: {members: 4, kind: instance");
    }

    private static List<String> findings(Scorecard s) {
        return s.members().stream().filter(m -> m.status().finding())
                .map(m -> m.id() + " " + m.status() + " " + m.drift()).toList();
    }
}
