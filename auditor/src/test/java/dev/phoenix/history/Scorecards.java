package dev.phoenix.history;

import dev.phoenix.model.Drift;
import dev.phoenix.model.Change;
import dev.phoenix.report.ChaosResult;
import dev.phoenix.report.ChaosVerdict;
import dev.phoenix.report.GroupSummary;
import dev.phoenix.report.MemberResult;
import dev.phoenix.report.MemberStatus;
import dev.phoenix.report.Score;
import dev.phoenix.report.Scorecard;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Small scorecards for store and API tests. */
public final class Scorecards {

    private Scorecards() {
    }

    /** A scorecard for a run started at {@code started}, with one drifted host and one chaos experiment. */
    public static Scorecard at(Instant started, String suffix, int overall) {
        String id = dev.phoenix.report.RunId.next(started, new java.util.Random(suffix.hashCode()));
        List<MemberResult> members = List.of(
                new MemberResult("web-1", "web", "simulated", "immutable", "instance", MemberStatus.CONSISTENT, "web:1", "abc",
                        List.of(), List.of(), null),
                new MemberResult("db-<1>", "db", "simulated", "mutable", "host", MemberStatus.DRIFTED, "debian:12", "def",
                        List.of(new Drift("packages.openssl", "3.0.15", "3.0.16<script>", Change.CHANGED)), List.of(), null));
        List<ChaosResult> chaos = List.of(new ChaosResult("web", "web-2", "web-3", ChaosVerdict.REPRODUCED, "matches", 1200L, 1500L,
                List.of(), true));
        return new Scorecard(Scorecard.SCHEMA_VERSION, id, started, started.plusSeconds(3), "unleashed",
                new Score(overall, overall, 100, 100, Score.grade(overall)),
                List.of(new GroupSummary("web", "simulated", "immutable", 1, null, Map.of(MemberStatus.CONSISTENT, 1), null)),
                members, chaos, List.of(), true, 42L);
    }
}
