package dev.phoenix.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void markupCharacters_becomeReferences() {
        assertThat(Html.escape("<a href=\"x\">it's & </a>")).isEqualTo("&lt;a href=&quot;x&quot;&gt;it&#39;s &amp; &lt;/a&gt;");
        assertThat(Html.escape(null)).isEmpty();
    }

    @Test
    void ansiEscapesControlsAndBidiOverrides_areShownNotObeyed() {
        assertThat(Html.escape("red\u001b[31m!\u0007\u007f")).isEqualTo("red\u241b[31m!\u2407\u2421");
        assertThat(Html.escape("evil\u202Egnp.exe")).isEqualTo("evil[U+202E]gnp.exe");
        assertThat(Html.escape("a\u2066b\u2069\u200f")).isEqualTo("a[U+2066]b[U+2069][U+200F]");
        assertThat(Html.escape("tab\tline\ncr\r\uFFFE")).isEqualTo("tab\tline\ncr\r\uFFFD");
    }

    @Test
    void everyCharacter_escapesToSomethingAnXmlParserAccepts() throws Exception {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0xD800; c++) {
            all.append(c);
        }
        for (char c = 0xE000; c != 0; c++) {
            all.append(c);
        }
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><r a=\"" + Html.escape(all) + "\">" + Html.escape(all) + "</r>";
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getDocumentElement().getTextContent()).contains("<", ">", "&", "\"", "'", "\u241b", "[U+202E]");
    }
}
