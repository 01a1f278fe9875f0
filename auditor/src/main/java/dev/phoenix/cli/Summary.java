package dev.phoenix.cli;

import dev.phoenix.model.Drift;
import dev.phoenix.report.ChaosResult;
import dev.phoenix.report.Finding;
import dev.phoenix.report.GroupSummary;
import dev.phoenix.report.MemberResult;
import dev.phoenix.report.MemberStatus;
import dev.phoenix.report.Rollout;
import dev.phoenix.report.Score;
import dev.phoenix.report.Scorecard;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The short table printed after a run. */
final class Summary {

    private static final int MAX_FINDINGS = 20;

    private Summary() {
    }

    static void print(Scorecard s, PrintStream out, List<Path> files) {
        Score sc = s.score();
        out.printf(Locale.ROOT, "Phoenix run %s (%s): score %s (%s)  consistency %s  reproducibility %s  coverage %s%n%n",
                s.runId(), s.mode(), n(sc.overall()), sc.grade(), n(sc.consistency()), n(sc.reproducibility()), n(sc.coverage()));
        String fmt = "%-16s %-10s %-10s %7s %10s %9s %7s %7s %11s %6s%n";
        out.printf(Locale.ROOT, fmt, "GROUP", "PROVIDER", "MUTABILITY", "MEMBERS", "CONSISTENT", "BASELINED", "DRIFTED",
                "MUTATED", "UNREACHABLE", "SCORE");
        for (GroupSummary g : s.groups()) {
            if (g.error() != null) {
                out.printf(Locale.ROOT, "%-16s %-10s not discovered: %s%n", g.name(), g.provider(), g.error());
                continue;
            }
            out.printf(Locale.ROOT, fmt, g.name(), g.provider(), g.mutability() == null ? "-" : g.mutability(), g.members(),
                    c(g, MemberStatus.CONSISTENT), c(g, MemberStatus.BASELINED), c(g, MemberStatus.DRIFTED),
                    c(g, MemberStatus.MUTATED), c(g, MemberStatus.UNREACHABLE), g.score() == null ? "-" : n(g.score().overall()));
        }
        for (GroupSummary g : s.groups()) {
            if (g.undersized()) {
                out.printf(Locale.ROOT, "  %s: %d of %d expected members in service (expected size from %s)%n", g.name(), g.inService(),
                        g.expectedMembers(), g.expectedFrom());
            }
        }
        List<MemberResult> findings = s.members().stream().filter(m -> m.status().finding()).toList();
        if (!findings.isEmpty()) {
            out.println();
            out.println("FINDINGS");
            findings.stream().limit(MAX_FINDINGS).forEach(m -> out.printf(Locale.ROOT, "  %-11s %-16s %s%n", m.status(), who(m),
                    m.status() == MemberStatus.UNREACHABLE
                            ? ConsoleText.safe(m.probeErrors().stream().map(e -> e.cause()).collect(Collectors.joining("; ")))
                            : drift(m.drift()) + (m.drift().isEmpty() && m.note() != null ? ConsoleText.safe(m.note()) : "")));
            if (findings.size() > MAX_FINDINGS) {
                out.printf(Locale.ROOT, "  … and %d more (see the reports)%n", findings.size() - MAX_FINDINGS);
            }
        }
        if (!s.chaos().isEmpty()) {
            out.println();
            out.println("CHAOS");
            java.util.Map<String, String> names = new java.util.HashMap<>();
            s.members().forEach(m -> names.put(m.id(), m.name()));
            for (ChaosResult c : s.chaos()) {
                String name = c.victim() == null ? null : names.get(c.victim());
                String who = c.victim() == null ? "-" : ConsoleText.safe((name == null || name.equals(c.victim()) ? "" : name + ": ")
                        + c.victim() + (c.replacement() == null ? "" : " -> " + c.replacement()));
                String time = c.timeToReplaceMs() == null ? "" : "replaced in " + c.timeToReplaceMs() + " ms; ";
                out.printf(Locale.ROOT, "  %-18s %-8s %-30s %s%s%n", c.verdict(), c.group(), who, time,
                        c.reason() == null ? "" : ConsoleText.safe(c.reason()));
                if (!c.diff().isEmpty()) {
                    out.printf(Locale.ROOT, "  %-18s %-8s %s%n", "", "", "diff: " + drift(c.diff()));
                }
            }
        }
        if (!s.rollouts().isEmpty()) {
            out.println();
            out.println("ROLLOUTS");
            for (Rollout r : s.rollouts()) {
                out.printf(Locale.ROOT, "  %-16s %-16s %s -> %s%n", r.group(), r.member() == null ? "(group)" : ConsoleText.safe(r.member()),
                        ConsoleText.value(r.from()), ConsoleText.value(r.to()));
            }
        }
        waivers(s, out);
        if (s.comparison() != null) {
            out.println();
            changes(s.comparison(), s.findings(), out);
        }
        if (!files.isEmpty()) {
            out.println();
            out.println("Reports: " + files.stream().map(Path::toString).collect(Collectors.joining(", ")));
        }
    }

    /** Waived findings (and expired waivers, which count again), and waivers that matched nothing. */
    private static void waivers(Scorecard s, PrintStream out) {
        List<Finding> waived = s.findings().stream().filter(f -> f.waiver() != null).toList();
        if (waived.isEmpty() && s.unusedWaivers().isEmpty()) {
            return;
        }
        out.println();
        out.println("WAIVERS");
        for (Finding f : waived.stream().limit(MAX_FINDINGS).toList()) {
            Finding.Waiver w = f.waiver();
            out.printf(Locale.ROOT, "  %-11s %s%n", w.expired() ? "EXPIRED" : "WAIVED", ConsoleText.safe(f.message()) + " ("
                    + (w.expired() ? "waiver expired " + w.expires() + ", counts again" : "until " + w.expires()) + ", by "
                    + ConsoleText.safe(w.by()) + ": " + ConsoleText.safe(w.justification()) + ")");
        }
        if (waived.size() > MAX_FINDINGS) {
            out.printf(Locale.ROOT, "  … and %d more (see the reports)%n", waived.size() - MAX_FINDINGS);
        }
        for (Scorecard.UnusedWaiver u : s.unusedWaivers()) {
            out.printf(Locale.ROOT, "  %-11s group %s, member %s, fact %s matched nothing in this run (by %s, until %s)%n", "UNUSED",
                    ConsoleText.safe(u.group()), ConsoleText.safe(u.member()), ConsoleText.safe(u.fact()), ConsoleText.safe(u.by()),
                    u.expires());
        }
    }

    /** What changed since the run compared with: counts, then the new and the resolved findings. */
    static void changes(Scorecard.Comparison c, List<Finding> findings, PrintStream out) {
        out.printf(Locale.ROOT, "SINCE %s (%s): %d new, %d still open, %d resolved%n", ConsoleText.safe(c.previousRunId()),
                c.previousStartedAt(), c.newFindings().size(), c.stillOpen().size(), c.resolved().size());
        java.util.Set<String> added = java.util.Set.copyOf(c.newFindings());
        List<Finding> fresh = findings.stream().filter(f -> added.contains(f.id())).toList();
        fresh.stream().limit(MAX_FINDINGS).forEach(f -> out.printf(Locale.ROOT, "  %-11s %s%n", "NEW", ConsoleText.safe(f.message())));
        if (fresh.size() > MAX_FINDINGS) {
            out.printf(Locale.ROOT, "  … and %d more new%n", fresh.size() - MAX_FINDINGS);
        }
        c.resolved().stream().limit(MAX_FINDINGS).forEach(f -> out.printf(Locale.ROOT, "  %-11s %s%n", "RESOLVED",
                ConsoleText.safe(f.message())));
        if (c.resolved().size() > MAX_FINDINGS) {
            out.printf(Locale.ROOT, "  … and %d more resolved%n", c.resolved().size() - MAX_FINDINGS);
        }
    }

    static String drift(List<Drift> drift) {
        String text = drift.stream().limit(4)
                .map(d -> ConsoleText.value(d.fact()) + " " + ConsoleText.value(d.expected()) + " -> " + ConsoleText.value(d.actual()))
                .collect(Collectors.joining("; "));
        return drift.size() > 4 ? text + "; … (" + drift.size() + " facts)" : text;
    }

    /** A member as people know it: {@code shop-api-3 (fe006714edc8)}, or its id when that is its name. */
    static String who(MemberResult m) {
        return ConsoleText.safe(m.name().equals(m.id()) ? m.id() : m.name() + " (" + m.id() + ")");
    }

    private static String c(GroupSummary g, MemberStatus status) {
        return String.valueOf(g.statuses().getOrDefault(status, 0));
    }

    private static String n(Integer v) {
        return v == null ? "n/a" : v.toString();
    }
}
