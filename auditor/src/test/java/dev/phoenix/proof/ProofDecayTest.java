package dev.phoenix.proof;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phoenix.report.GroupProof;
import dev.phoenix.report.ProofStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Freshness of one group's proofs and the decaying score, case by case. */
class ProofDecayTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final Duration TTL = Duration.ofDays(7);

    private static Proof proof(String provenance, Duration ago) {
        return new Proof(provenance, NOW.minus(ago), "20261130T100000000Z-ab12", "web-1", "web-4", 900L, 1_200L);
    }

    @ParameterizedTest(name = "runs {0}, proofs {1} -> {2} {3}")
    @CsvSource(delimiter = '|', value = {
            "a         | -                 | NEVER_PROVEN | ",
            "a         | a@1d              | PROVEN       | ",
            "a         | a@8d              | STALE        | expired",
            "a         | a@8d,a@1d         | PROVEN       | ",
            "b         | a@1d              | STALE        | provenance-changed",
            "a,b       | a@1d              | STALE        | provenance-changed",
            "a,b       | a@1d,b@2d         | PROVEN       | ",
            "a,b       | a@1d,b@9d         | STALE        | expired",
    })
    void groupStatus_followsItsProvenancesAndTheTtl(String runs, String proofs, ProofStatus status, String stale) {
        List<Proof> list = proofs.equals("-") ? List.of() : java.util.Arrays.stream(proofs.split(","))
                .map(p -> proof(p.split("@")[0], Duration.ofDays(Long.parseLong(p.split("@")[1].replace("d", ""))))).toList();
        GroupProof p = Freshness.assess("web", List.of(runs.split(",")), list, NOW, TTL);
        assertThat(p.status()).isEqualTo(status);
        assertThat(p.stale()).isEqualTo(stale);
    }

    @ParameterizedTest(name = "proven {0} h ago -> weight {1}")
    @CsvSource({"0, 1.0", "84, 0.75", "168, 0.5"})
    void provenWeight_decaysToOneHalfAtTheTtl(long hours, double weight) {
        GroupProof p = Freshness.assess("web", List.of("a"), List.of(proof("a", Duration.ofHours(hours).minusSeconds(hours == 168 ? 1 : 0))),
                NOW, TTL);
        assertThat(ProofDecay.weight(p, NOW, TTL)).isCloseTo(weight, org.assertj.core.data.Offset.offset(0.001));
    }

    @org.junit.jupiter.api.Test
    void score_isTheMeanWeight_andNullWithoutGroups() {
        GroupProof fresh = Freshness.assess("web", List.of("a"), List.of(proof("a", Duration.ZERO)), NOW, TTL);
        GroupProof half = Freshness.assess("api", List.of("a"), List.of(proof("a", Duration.ofHours(84))), NOW, TTL);
        GroupProof never = Freshness.assess("db", List.of("a"), List.of(), NOW, TTL);
        assertThat(ProofDecay.score(List.of(fresh, half, never), NOW, TTL)).isEqualTo(58); // (1 + 0.75 + 0) / 3
        assertThat(ProofDecay.score(List.of(), NOW, TTL)).isNull();
        assertThat(never.status()).isEqualTo(ProofStatus.NEVER_PROVEN);
    }
}
