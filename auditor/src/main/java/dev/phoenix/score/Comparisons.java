package dev.phoenix.score;

import dev.phoenix.report.Finding;
import dev.phoenix.report.Scorecard;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What changed between two runs, told by the findings' stable ids: new (only in this run), still
 * open (in both) and resolved (only in the previous one). A previous finding of a group this run
 * could not audit is neither resolved nor open: nothing was looked at.
 *
 * <pre>{@code
 * Scorecard.Comparison c = Comparisons.compare(previous, findings, Set.of("web", "hosts"));
 * c.newFindings()   // ids of findings the previous run did not have
 * c.resolved()      // the previous run's findings this run no longer has
 * }</pre>
 */
public final class Comparisons {

    private Comparisons() {
    }

    /** @param audited the groups this run audited (discovered) */
    public static Scorecard.Comparison compare(Scorecard previous, List<Finding> findings, Set<String> audited) {
        Set<String> before = previous.findings().stream().map(Finding::id).collect(Collectors.toSet());
        Set<String> now = findings.stream().map(Finding::id).collect(Collectors.toSet());
        List<String> added = new ArrayList<>();
        List<String> open = new ArrayList<>();
        for (Finding f : findings) {
            (before.contains(f.id()) ? open : added).add(f.id());
        }
        List<Finding> resolved = previous.findings().stream()
                .filter(f -> !now.contains(f.id()) && audited.contains(f.group()))
                .toList();
        return new Scorecard.Comparison(previous.runId(), previous.startedAt(), distinct(added), distinct(open), resolved);
    }

    /** Two scorecards compared as {@code phoenix diff} prints them: every group of {@code later} counts as audited. */
    public static Scorecard.Comparison between(Scorecard earlier, Scorecard later) {
        Set<String> audited = later.groups().stream().filter(g -> g.error() == null).map(g -> g.name()).collect(Collectors.toSet());
        return compare(earlier, later.findings(), audited);
    }

    private static List<String> distinct(List<String> ids) {
        return ids.stream().distinct().toList();
    }
}
