package dev.phoenix.report;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * {@code markdown}: GitHub-flavoured Markdown ({@code phoenix.md}) for a pull-request comment or
 * {@code $GITHUB_STEP_SUMMARY}: grade and scores, what changed since the previous run, the
 * findings most severe first, chaos verdicts and unused waivers. Whatever the fleet's size the file
 * stays under {@value #MAX_BYTES} bytes: beyond, the findings are summarised (counts per kind and
 * group) and the most severe listed, saying how many were left out. Every member-supplied value is
 * escaped ({@link Markdown#text}), so none can break a table or bring in HTML.
 *
 * <pre>{@code
 * new MarkdownExporter().write(scorecard, out);   // then: cat phoenix.md >> "$GITHUB_STEP_SUMMARY"
 * }</pre>
 */
public final class MarkdownExporter implements Exporter {

    /** 1 MiB, GitHub's limit of a step summary. */
    public static final long MAX_BYTES = 1L << 20;
    /** Rows of the new and resolved lists, the chaos table and the unused waivers, each. */
    static final int MAX_LISTED = 50;
    /** Room kept for the sections written after the findings table. */
    private static final long RESERVE = 64 * 1024;

    private static final String[] FINDING_COLUMNS = {"Severity", "Kind", "Group", "Member", "Fact", "Expected → Actual", "Waived"};

    private final long maxBytes;

    public MarkdownExporter() {
        this(MAX_BYTES);
    }

    MarkdownExporter(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public String name() {
        return "markdown";
    }

    @Override
    public String fileName() {
        return "phoenix.md";
    }

    @Override
    public void write(Scorecard s, OutputStream out) throws IOException {
        ReportView view = ReportView.of(s);
        Markdown md = new Markdown(maxBytes);
        Score score = s.score();
        md.line("## Phoenix scorecard: grade " + Markdown.text(score.grade()) + " (" + Text.score(score.overall()) + "/100)");
        md.line("");
        md.line("Run " + Markdown.text(s.runId()) + " · " + time(s.startedAt()) + " → " + time(s.finishedAt()) + " · "
                + Markdown.text(s.mode()) + (s.seed() == null ? "" : " · seed " + s.seed())
                + (s.complete() ? "" : " · **incomplete: the run was cut short or lost a provider**"));
        md.line("");
        md.header("Overall", "Consistency", "Reproducibility", "Coverage", "Members", "Findings", "Waived");
        md.append(Markdown.row(Text.score(score.overall()), Text.score(score.consistency()), Text.score(score.reproducibility()),
                Text.score(score.coverage()), String.valueOf(s.members().size()), String.valueOf(view.findings().size()),
                String.valueOf(view.waivedCount())));
        comparisonSummary(md, s);
        findings(md, view);
        comparisonLists(md, view);
        chaos(md, view);
        unusedWaivers(md, s);
        out.write(md.toBytes());
    }

    private static void comparisonSummary(Markdown md, Scorecard s) {
        md.line("");
        md.line("### Since the last run");
        md.line("");
        Scorecard.Comparison c = s.comparison();
        if (c == null) {
            md.line("No previous run to compare with.");
            return;
        }
        md.line("Compared with run " + Markdown.text(c.previousRunId()) + (c.previousStartedAt() == null ? "" : " (" + time(c.previousStartedAt()) + ")")
                + ": **" + c.newFindings().size() + " new**, " + c.stillOpen().size() + " still open, " + c.resolved().size() + " resolved.");
    }

    private void findings(Markdown md, ReportView view) {
        List<Finding> all = view.findings();
        md.line("");
        md.line("### Findings");
        md.line("");
        if (all.isEmpty()) {
            md.line("No findings.");
            return;
        }
        md.line(all.size() + " findings (" + view.waivedCount() + " waived), most severe first: "
                + ReportView.counts(ReportView.byKind(all), FindingKind::name) + ".");
        long reserve = RESERVE + Math.min(64 * 1024, 60L * ReportView.byGroup(all).size());
        md.line("");
        md.header(FINDING_COLUMNS);
        int listed = 0;
        for (Finding f : all) {
            String row = Markdown.row(Markdown.text(f.severity()), Markdown.text(f.kind()) + since(view, f), Markdown.text(f.group()),
                    Markdown.text(view.who(f)), Markdown.text(f.fact() == null ? f.message() : f.fact()),
                    Markdown.text(ReportView.change(f)), Markdown.text(ReportView.waiver(f.waiver())));
            if (!md.fits(row, reserve)) {
                break;
            }
            md.append(row);
            listed++;
        }
        if (listed < all.size()) {
            List<Finding> left = all.subList(listed, all.size());
            md.line("");
            md.line("**" + left.size() + " more findings are not listed** (the " + listed + " most severe are); scorecard.json has them all. "
                    + "Left out: " + ReportView.counts(ReportView.byKind(left), FindingKind::name) + ".");
            md.line("");
            md.header("Kind", "Findings");
            ReportView.byKind(all).forEach((k, n) -> md.append(Markdown.row(Markdown.text(k), String.valueOf(n))));
            md.line("");
            md.header("Group", "Findings");
            Map<String, Long> byGroup = ReportView.byGroup(all);
            int shown = 0;
            for (Map.Entry<String, Long> e : byGroup.entrySet()) {
                String row = Markdown.row(Markdown.text(e.getKey()), String.valueOf(e.getValue()));
                if (!md.fits(row, RESERVE)) {
                    md.line("| … " + (byGroup.size() - shown) + " more groups |   |");
                    break;
                }
                md.append(row);
                shown++;
            }
        }
    }

    private static String since(ReportView view, Finding f) {
        return view.since(f) == ReportView.Since.NEW ? " (new)" : "";
    }

    private static void comparisonLists(Markdown md, ReportView view) {
        if (view.scorecard().comparison() == null) {
            return;
        }
        list(md, view, "New since the last run", view.newFindings());
        list(md, view, "Resolved since the last run", view.resolved());
    }

    private static void list(Markdown md, ReportView view, String title, List<Finding> findings) {
        if (findings.isEmpty()) {
            return;
        }
        md.line("");
        md.line("#### " + title + " (" + findings.size() + ")");
        md.line("");
        md.header("Severity", "Kind", "Group", "Member", "Fact");
        rows(md, findings, f -> Markdown.row(Markdown.text(f.severity()), Markdown.text(f.kind()), Markdown.text(f.group()),
                Markdown.text(view.who(f)), Markdown.text(f.fact() == null ? f.message() : f.fact())));
    }

    private static void chaos(Markdown md, ReportView view) {
        Scorecard s = view.scorecard();
        md.line("");
        md.line("### Chaos experiments");
        md.line("");
        if (s.chaos().isEmpty()) {
            md.line("No chaos experiment in this run.");
            return;
        }
        StringBuilder verdicts = new StringBuilder();
        for (ChaosVerdict v : ChaosVerdict.values()) {
            long n = s.count(v);
            if (n > 0) {
                verdicts.append(verdicts.length() == 0 ? "" : ", ").append(n).append(' ').append(v);
            }
        }
        md.line(s.chaos().size() + " experiments: " + verdicts + ".");
        md.line("");
        md.header("Group", "Victim", "Replacement", "Verdict", "Time to replace", "Details");
        rows(md, s.chaos(), c -> Markdown.row(Markdown.text(c.group()), Markdown.text(view.who(c.victim())),
                Markdown.text(view.who(c.replacement())), Markdown.text(c.verdict()), Text.millis(c.timeToReplaceMs()),
                Markdown.text(c.guard() == null ? c.reason() : c.guard() + ": " + c.reason())));
    }

    private static void unusedWaivers(Markdown md, Scorecard s) {
        if (s.unusedWaivers().isEmpty()) {
            return;
        }
        md.line("");
        md.line("### Unused waivers (" + s.unusedWaivers().size() + ")");
        md.line("");
        md.line("These waivers matched no finding of this run: remove them, or check that they still name the right member and fact.");
        md.line("");
        md.header("Group", "Member", "Fact", "Justification", "By", "Expires");
        rows(md, s.unusedWaivers(), w -> Markdown.row(Markdown.text(w.group()), Markdown.text(w.member()), Markdown.text(w.fact()),
                Markdown.text(w.justification()), Markdown.text(w.by()), Markdown.text(w.expires())));
    }

    /** Up to {@value #MAX_LISTED} rows, while they fit, then one row saying how many more there are. */
    private static <T> void rows(Markdown md, List<T> items, java.util.function.Function<T, String> row) {
        int shown = 0;
        for (T item : items) {
            String r = row.apply(item);
            if (shown == MAX_LISTED || !md.fits(r, 4 * 1024)) {
                md.line("| … " + (items.size() - shown) + " more in scorecard.json |");
                return;
            }
            md.append(r);
            shown++;
        }
    }

    private static String time(Instant t) {
        return t == null ? "" : t.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
