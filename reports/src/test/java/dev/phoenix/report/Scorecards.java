package dev.phoenix.report;

import dev.phoenix.model.Change;
import dev.phoenix.model.Drift;
import dev.phoenix.model.ProbeError;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Scorecards for exporter tests, with every status and verdict and hostile member-supplied values. */
final class Scorecards {

    static final String SCRIPT = "<script>document.body.setAttribute('data-pwned','1')</script>";
    static final String IMG = "<img src=x onerror=\"document.body.setAttribute('data-pwned','2')\">";

    private Scorecards() {
    }

    static Scorecard sample() {
        Score score = new Score(71, 80, 50, 90, "C");
        return new Scorecard(Scorecard.SCHEMA_VERSION, "20261128T101500Z-ab12", Instant.parse("2026-11-28T10:15:00Z"),
                Instant.parse("2026-11-28T10:15:03Z"), "unleashed", score,
                List.of(new GroupSummary("web", "simulated", "immutable", 2, score,
                                Map.of(MemberStatus.CONSISTENT, 1, MemberStatus.MUTATED, 1), null),
                        new GroupSummary("hosts", "static", "mutable", 3, score,
                                Map.of(MemberStatus.DRIFTED, 1, MemberStatus.UNREACHABLE, 1, MemberStatus.BASELINED, 1), null),
                        new GroupSummary("db", "aws-ec2", null, 0, new Score(0, 0, null, 0, "F"), Map.of(), "endpoint unreachable")),
                List.of(
                        member("web-1", "web", MemberStatus.CONSISTENT, List.of(), List.of()),
                        member("web-2" + SCRIPT, "web", MemberStatus.MUTATED,
                                List.of(new Drift("http.state.json.motd", "hello", IMG, Change.CHANGED)), List.of()),
                        member("h-1", "hosts", MemberStatus.DRIFTED,
                                List.of(new Drift("config.workers", "4", "8", Change.CHANGED),
                                        new Drift("files./etc/cron.d/x", null, "abc\u0001", Change.ADDED)), List.of()),
                        member("h-2", "hosts", MemberStatus.UNREACHABLE, List.of(),
                                List.of(new ProbeError("http:state", "GET http://127.0.0.1:1/state: Connection refused & " + SCRIPT))),
                        member("h-3", "hosts", MemberStatus.BASELINED, List.of(), List.of())),
                List.of(new ChaosResult("web", "web-2", "web-3", ChaosVerdict.DIVERGED, "the victim had been changed in place",
                                120L, null, List.of(new Drift("http.state.json.motd", IMG, "hello", Change.CHANGED)), true),
                        new ChaosResult("web", "web-1", "web-4", ChaosVerdict.REPRODUCED, "matches", 95L, 95L, List.of(), true),
                        ChaosResult.skipped("hosts", "h-1", "immutable-only", "not injecting: immutable-only: h-1 is mutable")),
                List.of(new Rollout("web", null, "web:1.0.0", "web:1.1.0")), true, 42L);
    }

    static MemberResult member(String id, String group, MemberStatus status, List<Drift> drift, List<ProbeError> errors) {
        return new MemberResult(id, group, "simulated", group.equals("web") ? "immutable" : "mutable",
                group.equals("web") ? "instance" : "host", status, "img:1", status == MemberStatus.UNREACHABLE ? null : "ab".repeat(32),
                drift, errors, null);
    }
}
