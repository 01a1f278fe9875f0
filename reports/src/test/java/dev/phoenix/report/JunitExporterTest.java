package dev.phoenix.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Read back with the JDK's XML parser. */
class JunitExporterTest {

    static Document junit(Scorecard s) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new JunitExporter().write(s, out);
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(out.toByteArray()));
    }

    static List<Element> elements(Document doc, String tag) {
        NodeList nodes = doc.getElementsByTagName(tag);
        List<Element> all = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            all.add((Element) nodes.item(i));
        }
        return all;
    }

    static Element testcase(Document doc, String name) {
        return elements(doc, "testcase").stream().filter(e -> e.getAttribute("name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no test case " + name));
    }

    @Test
    void oneCasePerMemberAndExperiment_namedByNameAndId_failingOnFindings() throws Exception {
        Document doc = junit(Scorecards.sample());
        Element root = doc.getDocumentElement();
        // web 2 members, hosts 5, api 1 and its size, db's discovery, 7 experiments
        assertThat(root.getAttribute("tests")).isEqualTo("17");
        assertThat(root.getAttribute("failures")).isEqualTo("10");
        assertThat(root.getAttribute("errors")).isEqualTo("1");
        assertThat(root.getAttribute("skipped")).isEqualTo("1");
        assertThat(elements(doc, "testsuite")).extracting(e -> e.getAttribute("name")).containsExactly("web", "hosts", "api", "db", "chaos");
        assertThat(elements(doc, "testcase")).extracting(e -> e.getAttribute("name")).contains(
                "web-frontend-1 (web-1)", "db-primary evil[U+202E]gnp.exe (h-1)", "db-replica (h-2)", "old-box (h-4)", "h-5",
                "billing-api (i-0abc)", "size", "discovery", "replace billing-api (i-0abc) (REPLACEMENT_FAILED)", "replace web-7 (ADOPTED)");

        Element drifted = (Element) testcase(doc, "db-primary evil[U+202E]gnp.exe (h-1)").getElementsByTagName("failure").item(0);
        assertThat(drifted.getAttribute("type")).isEqualTo("DRIFTED");
        assertThat(drifted.getAttribute("message")).isEqualTo("4 DRIFTED findings (and 1 waived)");
        assertThat(drifted.getTextContent()).contains(
                "MEDIUM DRIFTED config.workers: expected 4, actual 8 (CHANGED) [waived by alice until 2026-12-31: capacity test, see CHG-42]",
                "MEDIUM DRIFTED files./etc/cron.d/x: expected (none), actual abc\u2401 (ADDED) [waiver expired since 2026-11-02");
        assertThat(testcase(doc, "old-box (h-4)").getElementsByTagName("failure").item(0).getAttributes().getNamedItem("type")
                .getNodeValue()).isEqualTo("MISSING");
        assertThat(testcase(doc, "size").getElementsByTagName("failure").getLength()).isEqualTo(1);
        assertThat(testcase(doc, "discovery").getElementsByTagName("error").getLength()).isEqualTo(1);
        assertThat(testcase(doc, "replace web-frontend-1 (web-1) (REPRODUCED)").getElementsByTagName("failure").item(0)
                .getAttributes().getNamedItem("type").getNodeValue()).isEqualTo("OBJECTIVE_MISSED");
        assertThat(testcase(doc, "replace web-7 (ADOPTED)").getChildNodes().getLength()).isZero();
        assertThat(testcase(doc, "replace db-primary evil[U+202E]gnp.exe (h-1) (SKIPPED)").getElementsByTagName("skipped").item(0)
                .getAttributes().getNamedItem("message").getNodeValue()).isEqualTo("not injecting: immutable-only: h-1 is mutable");
        assertThat(testcase(doc, "web-frontend-2 (web-2" + Scorecards.SCRIPT + ")").getElementsByTagName("failure").getLength()).isEqualTo(1);
    }

    @Test
    void aMemberWhoseFindingsAreAllWaived_isSkippedWithTheJustification() throws Exception {
        Scorecard s = Scorecards.sample();
        List<Finding> waived = s.findings().stream().map(f -> "h-1".equals(f.member()) ? f.withWaiver(Scorecards.WAIVED) : f).toList();
        Document doc = junit(s.with(waived, s.comparison(), s.unusedWaivers()));
        Element h1 = testcase(doc, "db-primary evil[U+202E]gnp.exe (h-1)");
        assertThat(h1.getElementsByTagName("failure").getLength()).isZero();
        assertThat(((Element) h1.getElementsByTagName("skipped").item(0)).getAttribute("message"))
                .isEqualTo("waived by alice until 2026-12-31: capacity test, see CHG-42");
        assertThat(doc.getDocumentElement().getAttribute("failures")).isEqualTo("9");
        assertThat(doc.getDocumentElement().getAttribute("skipped")).isEqualTo("2");
    }

    @Test
    void everySuite_carriesTheRunsScores_andAGroupsSuiteItsOwn() throws Exception {
        Document doc = junit(Scorecards.sample());
        for (Element suite : elements(doc, "testsuite")) {
            assertThat(property(suite, "phoenix.score.overall")).isEqualTo("71");
            assertThat(property(suite, "phoenix.score.grade")).isEqualTo("C");
            assertThat(property(suite, "phoenix.run")).isEqualTo(Scorecards.RUN);
        }
        Element api = elements(doc, "testsuite").stream().filter(e -> e.getAttribute("name").equals("api")).findFirst().orElseThrow();
        assertThat(property(api, "phoenix.group.score.overall")).isEqualTo("60");
        assertThat(property(api, "phoenix.group.score.grade")).isEqualTo("D");
    }

    private static String property(Element suite, String name) {
        NodeList properties = suite.getElementsByTagName("property");
        for (int i = 0; i < properties.getLength(); i++) {
            Element p = (Element) properties.item(i);
            if (p.getAttribute("name").equals(name)) {
                return p.getAttribute("value");
            }
        }
        throw new AssertionError("no property " + name + " in suite " + suite.getAttribute("name"));
    }
}
