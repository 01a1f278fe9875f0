package dev.phoenix.score;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phoenix.model.Change;
import dev.phoenix.report.Finding;
import dev.phoenix.report.FindingKind;
import dev.phoenix.report.Findings;
import dev.phoenix.report.Severity;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FindingPolicyTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);

    private static Finding finding(FindingKind kind, String member, String name, String fact) {
        return new Finding(Findings.id(kind, "hosts", member, fact), kind, kind.defaultSeverity(), "hosts", member, name, null, null,
                fact, "1", "2", Change.CHANGED, member + ": " + fact, null);
    }

    private static FindingPolicy.Waiver waiver(String member, String fact, LocalDate expires) {
        return new FindingPolicy.Waiver("hosts", member, fact, Optional.empty(), "known", "alice", expires, "waivers.yaml:2");
    }

    @Test
    void theFirstSeverityRuleThatMatches_setsTheSeverity() {
        var policy = new FindingPolicy(List.of(
                new FindingPolicy.SeverityRule(Optional.of(FindingKind.DRIFTED), "tag.*", Severity.LOW),
                new FindingPolicy.SeverityRule(Optional.empty(), "package.openssl", Severity.CRITICAL),
                new FindingPolicy.SeverityRule(Optional.empty(), "*", Severity.HIGH)), List.of(), TODAY);
        List<Finding> out = policy.apply(List.of(finding(FindingKind.DRIFTED, "h1", "db-1", "tag.owner"),
                finding(FindingKind.DRIFTED, "h1", "db-1", "package.openssl"),
                finding(FindingKind.MUTATED, "h2", "db-2", "tag.owner"),
                finding(FindingKind.UNREACHABLE, "h3", "db-3", null))).findings();
        assertThat(out).extracting(Finding::severity).containsExactly(Severity.LOW, Severity.CRITICAL, Severity.HIGH, Severity.HIGH);
    }

    @Test
    void waivers_matchIdOrNameGlobs_expireAfterTheirDay_andUnusedOnesAreReported() {
        var policy = new FindingPolicy(List.of(), List.of(
                waiver("db-*", "package.*", TODAY),                    // holds through today
                waiver("i-0abc", "*", TODAY.minusDays(1)),             // expired yesterday
                waiver("web-*", "*", TODAY.plusDays(30))), TODAY);     // matches nothing
        var applied = policy.apply(List.of(finding(FindingKind.DRIFTED, "h1", "db-1", "package.curl"),
                finding(FindingKind.DRIFTED, "h1", "db-1", "file./etc/motd"),
                finding(FindingKind.UNREACHABLE, "i-0abc", "api-1", null)));
        assertThat(applied.findings()).extracting(Finding::waived).containsExactly(true, false, false);
        assertThat(applied.findings().get(2).waiver().expired()).isTrue();
        assertThat(applied.findings().get(1).waiver()).isNull();
        assertThat(applied.unused()).singleElement().satisfies(u -> assertThat(u.member()).isEqualTo("web-*"));
        assertThat(policy.on(TODAY.plusDays(1)).apply(applied.findings().subList(0, 1)).findings().get(0).waived())
                .as("the day after its expiry it counts again").isFalse();
    }
}
