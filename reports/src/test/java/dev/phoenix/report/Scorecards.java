package dev.phoenix.report;

import dev.phoenix.model.Change;
import dev.phoenix.model.Drift;
import dev.phoenix.model.ProbeError;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Scorecards for exporter tests. {@link #sample()} has every member status, every chaos verdict,
 * a finding of every kind, a waived, an expired and an unused waiver, a comparison with the
 * previous run, and hostile member-supplied values (markup, a bidi override, ANSI escapes, a
 * 5,000-character fact key, spreadsheet formulas, separators of every format).
 */
final class Scorecards {

    static final String SCRIPT = "<script>document.body.setAttribute('data-pwned','1')</script>";
    static final String IMG = "<img src=x onerror=\"document.body.setAttribute('data-pwned','2')\">";
    /** Right-to-left override: "evil\u202Egnp.exe" shows as "evilexe.png" where it is obeyed. */
    static final String BIDI = "evil\u202Egnp.exe";
    static final String ANSI = "\u001b[31mred\u001b[0m\u001b]0;owned\u0007";
    static final String LONG_KEY = "http.state.json." + "k".repeat(5_000);
    static final String FORMULA = "=HYPERLINK(\"http://127.0.0.1/x\",\"click\")";
    static final String SEPARATORS = "a,b;\"q\" | c\r\nd\re **bold** [x](http://127.0.0.1) `c` #1 @team";

    static final String RUN = "20261128T101500000Z-ab12";
    static final String PREVIOUS_RUN = "20261127T101500000Z-cd34";
    static final Finding.Waiver WAIVED = new Finding.Waiver("capacity test, see CHG-42", "alice", LocalDate.parse("2026-12-31"), false);
    static final Finding.Waiver EXPIRED = new Finding.Waiver("cron job until the migration", "bob", LocalDate.parse("2026-11-01"), true);

    private Scorecards() {
    }

    static Scorecard sample() {
        Score score = new Score(71, 80, 50, 90, "C");
        List<GroupSummary> groups = List.of(
                new GroupSummary("web", "simulated", "immutable", 2, score, Map.of(MemberStatus.CONSISTENT, 1, MemberStatus.MUTATED, 1), null),
                new GroupSummary("hosts", "static", "mutable", 5, score, Map.of(MemberStatus.DRIFTED, 1, MemberStatus.UNREACHABLE, 1,
                        MemberStatus.BASELINED, 1, MemberStatus.MISSING, 1, MemberStatus.CONSISTENT, 1), null),
                new GroupSummary("api", "aws-asg", "immutable", 1, new Score(60, 100, 0, 100, "D"), Map.of(MemberStatus.CONSISTENT, 1), null),
                new GroupSummary("db", "aws-ec2", null, 0, new Score(0, 0, null, 0, "F"), Map.of(), "endpoint unreachable"));
        List<MemberResult> members = List.of(
                named("web-1", "web-frontend-1", "web", MemberStatus.CONSISTENT, List.of(), List.of()),
                named("web-2" + SCRIPT, "web-frontend-2", "web", MemberStatus.MUTATED,
                        List.of(new Drift("http.state.json.motd", "hello", IMG, Change.CHANGED)), List.of()),
                named("h-1", "db-primary " + BIDI, "hosts", MemberStatus.DRIFTED,
                        List.of(new Drift("config.workers", "4", "8", Change.CHANGED),
                                new Drift("files./etc/cron.d/x", null, "abc\u0001", Change.ADDED),
                                new Drift(LONG_KEY, FORMULA, SEPARATORS, Change.CHANGED),
                                new Drift("exec.motd.stdout", "-1", ANSI, Change.CHANGED),
                                new Drift("sysctl.kernel.hostname", "+h", "@SUM(A1)", Change.CHANGED)), List.of()),
                named("h-2", "db-replica", "hosts", MemberStatus.UNREACHABLE, List.of(),
                        List.of(new ProbeError("http:state", "GET http://127.0.0.1:1/state: Connection refused & " + SCRIPT))),
                named("h-3", "db-spare", "hosts", MemberStatus.BASELINED, List.of(), List.of()),
                named("h-4", "old-box", "hosts", MemberStatus.MISSING, List.of(), List.of()),
                named("h-5", "h-5", "hosts", MemberStatus.CONSISTENT, List.of(), List.of()),
                new MemberResult("i-0abc", "billing-api", "123456789012", "eu-west-1", "api", "aws", "immutable", "instance",
                        MemberStatus.CONSISTENT, "ami-1/lt-3", "cd".repeat(32), List.of(), List.of(), null));
        List<ChaosResult> chaos = List.of(
                new ChaosResult("web", "web-2", "web-3", ChaosVerdict.DIVERGED, "the victim had been changed in place",
                        120L, null, List.of(new Drift("http.state.json.motd", IMG, "hello", Change.CHANGED)), true),
                new ChaosResult("web", "web-1", "web-4", ChaosVerdict.REPRODUCED, "matches", 95_000L, 96_000L, List.of(), true),
                new ChaosResult("web", "web-5", "web-6", ChaosVerdict.NONDETERMINISTIC, "two replacements differ",
                        800L, null, List.of(new Drift("http.state.json.bootId", "1", "2", Change.CHANGED)), false),
                new ChaosResult("web", "web-7", "web-8", ChaosVerdict.ADOPTED, "first member of web:1.1.0", 700L, 700L, List.of(), null),
                new ChaosResult("api", "i-0abc", null, ChaosVerdict.REPLACEMENT_FAILED, "the Auto Scaling group did not launch", null, null,
                        List.of(), null),
                new ChaosResult("api", "i-0def", null, ChaosVerdict.TIMED_OUT, "no replacement within 10m", null, null, List.of(), null),
                ChaosResult.skipped("hosts", "h-1", "immutable-only", "not injecting: immutable-only: h-1 is mutable"));
        Scorecard derived = new Scorecard(Scorecard.SCHEMA_VERSION, RUN, Instant.parse("2026-11-28T10:15:00Z"),
                Instant.parse("2026-11-28T10:15:03Z"), "unleashed", score, groups, members, chaos,
                List.of(new Rollout("web", null, "web:1.0.0", "web:1.1.0")), true, 42L);

        List<Finding> findings = new ArrayList<>();
        for (Finding f : derived.findings()) {
            Finding.Waiver w = "config.workers".equals(f.fact()) ? WAIVED : "files./etc/cron.d/x".equals(f.fact()) ? EXPIRED : null;
            findings.add(w == null ? f : f.withWaiver(w));
        }
        findings.add(finding(FindingKind.UNDERSIZED, "api", null, null, "group api has 1 of 3 expected members"));
        findings.add(finding(FindingKind.OBJECTIVE_MISSED, "web", "web-1", null,
                "REPRODUCED web-1 -> web-4 in 95.0 s, over the objective of 60 s"));
        Finding resolved = finding(FindingKind.DRIFTED, "hosts", "h-3", "sysctl.vm.swappiness", "db-spare drifted: sysctl.vm.swappiness");
        Scorecard.Comparison comparison = new Scorecard.Comparison(PREVIOUS_RUN, Instant.parse("2026-11-27T10:15:00Z"),
                findings.stream().filter(f -> f.kind() == FindingKind.MUTATED || f.kind() == FindingKind.DIVERGED).map(Finding::id).toList(),
                findings.stream().filter(f -> f.kind() != FindingKind.MUTATED && f.kind() != FindingKind.DIVERGED).map(Finding::id).toList(),
                List.of(resolved));
        List<Scorecard.UnusedWaiver> unused = List.of(new Scorecard.UnusedWaiver("web", "web-99", "aws.ami", "golden AMI pinned " + SCRIPT,
                "carol", LocalDate.parse("2027-01-31")));
        return derived.with(findings, comparison, unused);
    }

    /** A finding of {@code kind} with its default severity and stable id. */
    static Finding finding(FindingKind kind, String group, String member, String fact, String message) {
        return new Finding(Findings.id(kind, group, member, fact), kind, kind.defaultSeverity(), group, member, member, null, null, fact,
                fact == null ? null : "1", fact == null ? null : "2", fact == null ? null : Change.CHANGED, message, null);
    }

    /**
     * A fleet of {@code members} drifted hosts with {@code facts} drifted facts each, values of
     * {@code valueLength} characters: {@code members * facts} findings, every fourth one HIGH.
     */
    static Scorecard large(int members, int facts, int valueLength) {
        List<MemberResult> results = new ArrayList<>(members);
        for (int i = 0; i < members; i++) {
            List<Drift> drift = new ArrayList<>(facts);
            for (int j = 0; j < facts; j++) {
                drift.add(new Drift("f" + j, "e".repeat(valueLength), "a".repeat(valueLength), Change.CHANGED));
            }
            results.add(named("m" + i, "n" + i, "g" + (i % 7), MemberStatus.DRIFTED, drift, List.of()));
        }
        Score score = new Score(10, 0, null, 100, "F");
        Scorecard s = new Scorecard(Scorecard.SCHEMA_VERSION, RUN, Instant.parse("2026-11-28T10:15:00Z"),
                Instant.parse("2026-11-28T10:25:00Z"), "leashed", score, List.of(), results, List.of(), List.of(), true, 1L);
        List<Finding> findings = new ArrayList<>(s.findings().size());
        int n = 0;
        for (Finding f : s.findings()) {
            findings.add(n++ % 4 == 0 ? f.withSeverity(Severity.HIGH) : f);
        }
        return s.with(findings, null, List.of());
    }

    static MemberResult member(String id, String group, MemberStatus status, List<Drift> drift, List<ProbeError> errors) {
        return named(id, id, group, status, drift, errors);
    }

    static MemberResult named(String id, String name, String group, MemberStatus status, List<Drift> drift, List<ProbeError> errors) {
        boolean immutable = group.equals("web");
        return new MemberResult(id, name, null, null, group, "simulated", immutable ? "immutable" : "mutable", immutable ? "instance" : "host",
                status, "img:1", status == MemberStatus.UNREACHABLE || status == MemberStatus.MISSING ? null : "ab".repeat(32),
                drift, errors, status == MemberStatus.MISSING ? "seen in run " + PREVIOUS_RUN : null);
    }
}
