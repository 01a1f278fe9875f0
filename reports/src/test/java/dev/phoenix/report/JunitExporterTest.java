package dev.phoenix.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JunitExporterTest {

    @Test
    void junitXml_parses_withAFailurePerFindingAndSkippedExperiments() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new JunitExporter().write(Scorecards.sample(), out);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(out.toByteArray()));
        Element root = doc.getDocumentElement();
        assertThat(root.getAttribute("tests")).isEqualTo("15");
        NodeList failures = doc.getElementsByTagName("failure");
        assertThat(failures.getLength()).isEqualTo(8); // MUTATED, DRIFTED, UNREACHABLE, MISSING and four failed experiments
        assertThat(doc.getElementsByTagName("skipped").getLength()).isEqualTo(1);
        assertThat(doc.getElementsByTagName("error").getLength()).isEqualTo(1); // undiscovered group
        assertThat(((Element) failures.item(0)).getAttribute("message")).contains("changed in place");
        assertThat(failures.item(1).getTextContent()).contains("CHANGED config.workers: expected 4, actual 8");
    }
}
