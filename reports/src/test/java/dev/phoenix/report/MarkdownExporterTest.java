package dev.phoenix.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Code;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.junit.jupiter.api.Test;

/** Read back with commonmark-java and its GFM tables extension, as an independent Markdown parser. */
class MarkdownExporterTest {

    private static final List<Extension> GFM = List.of(TablesExtension.create());

    static byte[] markdown(Scorecard s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new MarkdownExporter().write(s, out);
        return out.toByteArray();
    }

    static Node parse(byte[] md) {
        return Parser.builder().extensions(GFM).build().parse(new String(md, StandardCharsets.UTF_8));
    }

    /** The tables of a document, each as rows of cell texts (header row first). */
    static List<List<List<String>>> tables(Node doc) {
        List<List<List<String>>> tables = new ArrayList<>();
        for (Node n : descendants(doc)) {
            if (n instanceof TableBlock) {
                List<List<String>> rows = new ArrayList<>();
                for (Node r : descendants(n)) {
                    if (r instanceof TableRow) {
                        List<String> cells = new ArrayList<>();
                        for (Node c = r.getFirstChild(); c != null; c = c.getNext()) {
                            cells.add(text(c).strip());
                        }
                        rows.add(cells);
                    }
                }
                tables.add(rows);
            }
        }
        return tables;
    }

    static List<List<String>> table(Node doc, String firstHeader, int columns) {
        return tables(doc).stream().filter(t -> t.get(0).get(0).equals(firstHeader) && t.get(0).size() == columns).findFirst()
                .orElseThrow(() -> new AssertionError("no table headed " + firstHeader));
    }

    private static List<Node> descendants(Node node) {
        List<Node> all = new ArrayList<>();
        for (Node c = node.getFirstChild(); c != null; c = c.getNext()) {
            all.add(c);
            all.addAll(descendants(c));
        }
        return all;
    }

    private static String text(Node node) {
        StringBuilder b = new StringBuilder();
        for (Node n : descendants(node)) {
            if (n instanceof Text t) {
                b.append(t.getLiteral());
            } else if (n instanceof HtmlInline h) {
                b.append(h.getLiteral().equals("<br>") ? "\n" : h.getLiteral());
            } else if (n instanceof Code c) {
                b.append(c.getLiteral());
            }
        }
        return b.toString();
    }

    @Test
    void everyFinding_isOneRowOfTheFindingsTable_withHostileValuesAsPlainText() throws IOException {
        Scorecard s = Scorecards.sample();
        Node doc = parse(markdown(s));
        List<List<String>> findings = table(doc, "Severity", 7);
        assertThat(findings.get(0)).containsExactly("Severity", "Kind", "Group", "Member", "Fact", "Expected → Actual", "Waived");
        assertThat(findings).hasSize(1 + s.findings().size()).allSatisfy(row -> assertThat(row).hasSize(7));
        assertThat(findings.get(1).get(0)).isEqualTo("CRITICAL");
        assertThat(findings).anySatisfy(row -> assertThat(row).containsExactly("MEDIUM", "DRIFTED", "hosts",
                "db-primary evil[U+202E]gnp.exe (h-1)", "config.workers", "4 -> 8", "waived by alice until 2026-12-31: capacity test, see CHG-42"));
        assertThat(findings).anySatisfy(row -> assertThat(row.get(3)).isEqualTo("web-frontend-2 (web-2" + Scorecards.SCRIPT + ")"));
        assertThat(findings).anySatisfy(row -> assertThat(row.get(5)).isEqualTo(Scorecards.FORMULA + " -> a,b;\"q\" | c\nd\ne **bold** "
                + "[x](http://127.0.0.1) `c` #1 @\u200Bteam"));
        assertThat(findings).anySatisfy(row -> assertThat(row.get(5)).isEqualTo("-1 -> \u241b[31mred\u241b[0m\u241b]0;owned\u2407"));
        assertThat(findings).anySatisfy(row -> assertThat(row.get(4)).startsWith("http.state.json.kkk").hasSize(Markdown.CELL + 1).endsWith("\u2026"));
        assertThat(findings).anySatisfy(row -> assertThat(row.get(6)).startsWith("waiver expired since 2026-11-02 (held until 2026-11-01, by bob"));
        assertThat(findings).anySatisfy(row -> assertThat(row.get(1)).isEqualTo("MUTATED (new)"));

        for (Node n : descendants(doc)) {
            assertThat(n).as("no HTML but line breaks").isNotInstanceOf(HtmlBlock.class);
            if (n instanceof HtmlInline h) {
                assertThat(h.getLiteral()).isEqualTo("<br>");
            }
        }
        String html = HtmlRenderer.builder().extensions(GFM).build().render(doc);
        assertThat(html).doesNotContain("<script", "<img", "<a ", "<em>", "<code>").contains("&lt;script&gt;");
        assertThat(html.split("<strong>", -1)).as("only the count of new findings is bold").hasSize(2);
    }

    @Test
    void scoresComparisonChaosAndUnusedWaivers_areTables() throws IOException {
        Node doc = parse(markdown(Scorecards.sample()));
        String md = new String(markdown(Scorecards.sample()), StandardCharsets.UTF_8);
        assertThat(md).startsWith("## Phoenix scorecard: grade C (71/100)")
                .contains("**2 new**, 13 still open, 1 resolved.");
        assertThat(table(doc, "Overall", 7).get(1)).containsExactly("71", "80", "50", "90", "8", "15", "1");
        List<List<String>> resolved = tables(doc).stream().filter(t -> t.get(0).size() == 5 && t.size() == 2).findFirst().orElseThrow();
        assertThat(resolved.get(1)).containsExactly("MEDIUM", "DRIFTED", "hosts", "db-spare (h-3)", "sysctl.vm.swappiness");
        assertThat(tables(doc).stream().filter(t -> t.get(0).size() == 5).findFirst().orElseThrow())
                .extracting(row -> row.get(1)).contains("MUTATED", "DIVERGED").hasSize(3);
        List<List<String>> chaos = table(doc, "Group", 6);
        assertThat(chaos.subList(1, chaos.size())).extracting(row -> row.get(3)).containsExactlyInAnyOrder(
                java.util.Arrays.stream(ChaosVerdict.values()).map(Enum::name).toArray(String[]::new));
        assertThat(chaos).anySatisfy(row -> assertThat(row).containsExactly("api", "billing-api (i-0abc)", "", "REPLACEMENT_FAILED", "",
                "the Auto Scaling group did not launch"));
        assertThat(chaos).anySatisfy(row -> assertThat(row.get(5)).isEqualTo("immutable-only: not injecting: immutable-only: h-1 is mutable"));
        assertThat(table(doc, "Group", 6).size()).isEqualTo(8);
        List<List<String>> unused = tables(doc).get(tables(doc).size() - 1);
        assertThat(unused.get(0)).containsExactly("Group", "Member", "Fact", "Justification", "By", "Expires");
        assertThat(unused.get(1)).containsExactly("web", "web-99", "aws.ami", "golden AMI pinned " + Scorecards.SCRIPT, "carol", "2027-01-31");
    }

    @Test
    void aHundredThousandFindings_stayUnderOneMebibyte_mostSevereListedAndTheRestCounted() throws IOException {
        Scorecard s = Scorecards.large(20_000, 5, 20);
        byte[] bytes = markdown(s);
        assertThat((long) bytes.length).isLessThan(MarkdownExporter.MAX_BYTES).isGreaterThan(MarkdownExporter.MAX_BYTES / 2);
        Node doc = parse(bytes);
        List<List<String>> findings = table(doc, "Severity", 7);
        int listed = findings.size() - 1;
        assertThat(listed).isBetween(1_000, 99_999);
        assertThat(findings.subList(1, 25_000 < listed ? 25_000 : listed)).allSatisfy(row -> assertThat(row.get(0)).isEqualTo("HIGH"));
        String md = new String(bytes, StandardCharsets.UTF_8);
        assertThat(md).contains("**" + (100_000 - listed) + " more findings are not listed** (the " + listed + " most severe are)");
        assertThat(table(doc, "Kind", 2).get(1)).containsExactly("DRIFTED", "100000");
        assertThat(table(doc, "Group", 2)).hasSize(8).contains(List.of("g0", String.valueOf(2_858 * 5)));
    }
}
