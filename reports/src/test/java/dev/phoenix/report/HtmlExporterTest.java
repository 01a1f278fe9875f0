package dev.phoenix.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.phoenix.json.Json;
import dev.phoenix.testing.Requirements;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlExporterTest {

    /** Where the browser test leaves its screenshot, for the README (not committed). */
    static final Path SCREENSHOT = Path.of("target", "scorecard.png");

    /**
     * Appended to a copy of the page (never to the exporter's output) to measure it as laid out:
     * does anything stick out of the window, and is every member-supplied value isolated.
     */
    private static final String MEASURE = """
            <script>
            const width = window.innerWidth, out = [];
            for (const el of document.querySelectorAll('table, td, th, bdi, code')) {
              const r = el.getBoundingClientRect();
              if (r.right > width + 1) out.push(el.tagName + ':' + (el.textContent || '').slice(0, 40));
            }
            const bdis = [...document.querySelectorAll('bdi')];
            const pre = document.createElement('pre');
            pre.id = 'layout';
            pre.textContent = JSON.stringify({width, scrollWidth: document.documentElement.scrollWidth,
              height: document.documentElement.scrollHeight, overflowing: out,
              isolated: bdis.every(b => getComputedStyle(b).unicodeBidi === 'isolate'), bdis: bdis.length,
              clippedWithTitle: [...document.querySelectorAll('.clipped')].map(e => e.title.length)});
            document.body.appendChild(pre);
            </script>
            """;

    @TempDir
    Path dir;

    static String html(Scorecard s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new HtmlExporter().write(s, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void memberSuppliedMarkup_isEscaped_andThePageHasNoScriptOrExternalAsset() throws IOException {
        String page = html(Scorecards.sample());
        assertThat(page).doesNotContain("<script").doesNotContain("<img")
                .contains("&lt;script&gt;document.body.setAttribute(&#39;data-pwned&#39;,&#39;1&#39;)&lt;/script&gt;")
                .contains("&lt;img src=x onerror=&quot;");
        assertThat(page).doesNotContainPattern("(src|href)=\"(https?:)?//");
        assertThat(page).contains("id=\"score-overall\">71<", "id=\"grade\">C<", "data-verdict=\"DIVERGED\"",
                "DRIFTED", "MUTATED", "UNREACHABLE", "MISSING", "not discovered");
        assertThat(page).doesNotContain("\u202E", "\u001b");
    }

    @Test
    void namesStandNextToIds_waiversAreMarked_andTheComparisonIsListed() throws IOException {
        String page = html(Scorecards.sample());
        assertThat(page).contains("<bdi>db-primary evil[U+202E]gnp.exe</bdi> <code><bdi>h-1</bdi></code>",
                "<bdi>billing-api</bdi> <code><bdi>i-0abc</bdi></code>", "<bdi>web-frontend-1</bdi> <code><bdi>web-1</bdi></code>");
        assertThat(row(page, "config.workers")).contains("class=\"waived\"", "<span class=\"status waived\">waived</span>",
                "waived by alice until 2026-12-31: capacity test, see CHG-42");
        assertThat(row(page, "files./etc/cron.d/x")).contains("class=\"expired\"", "waiver expired",
                "waiver expired since 2026-11-02 (held until 2026-11-01, by bob: cron job until the migration)");
        assertThat(page).contains("<b id=\"new-count\">2 new</b>, 13 still open, <b id=\"resolved-count\">1 resolved</b>");
        assertThat(section(page, "id=\"new-findings\"")).contains("DIVERGED", "MUTATED").doesNotContain("DRIFTED");
        assertThat(section(page, "id=\"resolved-findings\"")).contains("sysctl.vm.swappiness", "<bdi>db-spare</bdi> <code><bdi>h-3</bdi></code>");
        assertThat(section(page, "id=\"unused-waivers\"")).contains("web-99", "aws.ami", "carol", "2027-01-31");
        assertThat(page).contains("data-kind=\"UNDERSIZED\"", "data-kind=\"OBJECTIVE_MISSED\"", "<span class=\"status new\">new</span>");
    }

    /** The page as a browser lays it out: hostile values are text, nothing runs, nothing sticks out of the window. */
    @Test
    void inHeadlessChromium_hostileValuesStayInertAndInsideTheWindow_andAScreenshotIsTaken() throws Exception {
        Path chromium = Requirements.executable("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
        String page = html(Scorecards.sample());
        Path file = dir.resolve("scorecard.html");
        Files.writeString(file, page);
        String dom = chromium(chromium, "--dump-dom", file);
        assertThat(dom).contains("id=\"score-overall\">71<");
        assertThat(dom).as("no injected script or handler ran").doesNotContainPattern("<body[^>]*data-pwned");
        assertThat(dom).contains("&lt;script&gt;document.body.setAttribute('data-pwned','1')&lt;/script&gt;");

        Path measured = dir.resolve("measured.html");
        Files.writeString(measured, page.replace("</body>", MEASURE + "</body>"));
        Matcher m = Pattern.compile("<pre id=\"layout\">(.*?)</pre>", Pattern.DOTALL).matcher(chromium(chromium, "--dump-dom", measured));
        assertThat(m.find()).as("the measuring script ran").isTrue();
        JsonNode layout = Json.mapper().readTree(m.group(1).replace("&quot;", "\"").replace("&amp;", "&"));
        assertThat(layout.get("width").asInt()).isEqualTo(1280);
        assertThat(layout.get("scrollWidth").asInt()).as("nothing wider than the window").isLessThanOrEqualTo(1280);
        assertThat(layout.get("overflowing")).as("elements past the right edge").isEmpty();
        assertThat(layout.get("isolated").asBoolean()).as("every value bidi-isolated").isTrue();
        assertThat(layout.get("bdis").asInt()).isGreaterThan(50);
        List<Integer> titles = new ArrayList<>();
        layout.get("clippedWithTitle").forEach(n -> titles.add(n.asInt()));
        assertThat(titles).as("the 5,000-character key is clipped, whole in its title").contains(Scorecards.LONG_KEY.length());

        Files.createDirectories(SCREENSHOT.getParent());
        Files.deleteIfExists(SCREENSHOT);
        int height = Math.min(8000, layout.get("height").asInt() + 20);
        chromium(chromium, "--screenshot=" + SCREENSHOT.toAbsolutePath(), file, "--window-size=1280," + height);
        byte[] png = Files.readAllBytes(SCREENSHOT);
        assertThat(png).hasSizeGreaterThan(10_000);
        assertThat(new String(png, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
    }

    private String chromium(Path chromium, String mode, Path file, String... more) throws Exception {
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--hide-scrollbars", "--user-data-dir=" + Files.createTempDirectory(dir, "profile")));
        command.addAll(more.length == 0 ? List.of("--window-size=1280,900") : List.of(more));
        command.add(mode);
        command.add(file.toUri().toString());
        Process p = new ProcessBuilder(command).redirectError(dir.resolve("chromium.err").toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        return out;
    }

    private static String row(String page, String fact) {
        int at = page.indexOf("<bdi>" + fact + "</bdi>");
        assertThat(at).as("a row with " + fact).isPositive();
        return page.substring(page.lastIndexOf("<tr", at), page.indexOf("</tr>", at));
    }

    private static String section(String page, String id) {
        int at = page.indexOf(id);
        assertThat(at).as(id).isPositive();
        return page.substring(at, page.indexOf("</table>", at));
    }
}
