package dev.phoenix.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phoenix.testing.Requirements;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlExporterTest {

    @TempDir
    Path dir;

    private static String html(Scorecard s) throws IOException {
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
                "DRIFTED", "MUTATED", "UNREACHABLE", "not discovered");
    }

    /** The page as a browser sees it: the hostile values are text, nothing ran. */
    @Test
    void inHeadlessChromium_hostileValuesAreTextAndNothingRuns() throws Exception {
        Path chromium = Requirements.executable("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
        Path file = dir.resolve("scorecard.html");
        Files.writeString(file, html(Scorecards.sample()));
        Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + dir.resolve("profile"), "--dump-dom", file.toUri().toString())
                .redirectError(dir.resolve("chromium.err").toFile()).start();
        String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(dom).contains("id=\"score-overall\">71<");
        assertThat(dom).as("no injected script or handler ran").doesNotContainPattern("<body[^>]*data-pwned");
        assertThat(dom).contains("&lt;script&gt;document.body.setAttribute('data-pwned','1')&lt;/script&gt;");
    }
}
