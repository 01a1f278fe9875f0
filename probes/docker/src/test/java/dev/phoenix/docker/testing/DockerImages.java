package dev.phoenix.docker.testing;

import dev.phoenix.testing.Requirements;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Images the Docker tests run, built from local files since no image can be pulled. The same
 * image is built by {@code .ci/setup.d/40-docker-test-image.sh}; tests build it on demand when it
 * is missing, so they also run on a laptop that only has Docker and Debian's busybox-static.
 *
 * <pre>{@code
 * String image = DockerImages.busybox(client);   // "phoenix-test/busybox:1", imported if missing
 * }</pre>
 */
public final class DockerImages {

    public static final String BUSYBOX = "phoenix-test/busybox:1";
    /** The file the image's HTTP server serves at {@code /state}. */
    public static final String STATE = "{\"app\":\"phoenix-test\",\"version\":\"1\",\"config\":{\"workers\":4,\"logLevel\":\"info\"}}\n";
    public static final String APP_CONF = "listen=127.0.0.1\nworkers=4\nlog_level=info\n";

    private static final Path BUSYBOX_BINARY = Path.of("/bin/busybox");

    private DockerImages() {
    }

    /** The busybox test image, imported from {@code /bin/busybox} when the engine does not have it. */
    public static synchronized String busybox(DockerClient client) {
        try {
            client.inspectImageCmd(BUSYBOX).exec();
            return BUSYBOX;
        } catch (NotFoundException missing) {
            // built below
        }
        Requirements.executable(BUSYBOX_BINARY.toString());
        try {
            byte[] tar = rootfs();
            int colon = BUSYBOX.lastIndexOf(':');
            client.createImageCmd(BUSYBOX.substring(0, colon), new ByteArrayInputStream(tar))
                    .withTag(BUSYBOX.substring(colon + 1))
                    .exec();
            client.inspectImageCmd(BUSYBOX).exec();
            return BUSYBOX;
        } catch (IOException e) {
            throw new IllegalStateException("building the test image " + BUSYBOX + " from " + BUSYBOX_BINARY + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building " + BUSYBOX, e);
        }
    }

    /** busybox, a symlink per applet, /etc/passwd, /etc/app.conf and /www/state, as a tar archive. */
    static byte[] rootfs() throws IOException, InterruptedException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (String dir : List.of("bin", "etc", "www", "tmp", "var", "var/tmp", "var/log", "run", "root", "proc", "sys", "dev")) {
                TarArchiveEntry e = new TarArchiveEntry("./" + dir + "/");
                e.setMode(dir.equals("tmp") || dir.equals("var/tmp") ? 01777 : 0755);
                tar.putArchiveEntry(e);
                tar.closeArchiveEntry();
            }
            file(tar, "bin/busybox", Files.readAllBytes(BUSYBOX_BINARY), 0755);
            for (String applet : applets()) {
                if (!applet.equals("busybox")) {
                    TarArchiveEntry link = new TarArchiveEntry("./bin/" + applet, TarArchiveEntry.LF_SYMLINK);
                    link.setLinkName("busybox");
                    tar.putArchiveEntry(link);
                    tar.closeArchiveEntry();
                }
            }
            file(tar, "etc/passwd", "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n".getBytes(StandardCharsets.UTF_8), 0644);
            file(tar, "etc/group", "root:x:0:\nnogroup:x:65534:\n".getBytes(StandardCharsets.UTF_8), 0644);
            file(tar, "etc/app.conf", APP_CONF.getBytes(StandardCharsets.UTF_8), 0644);
            file(tar, "www/state", STATE.getBytes(StandardCharsets.UTF_8), 0644);
        }
        return bytes.toByteArray();
    }

    private static void file(TarArchiveOutputStream tar, String name, byte[] content, int mode) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry("./" + name);
        e.setSize(content.length);
        e.setMode(mode);
        tar.putArchiveEntry(e);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    private static List<String> applets() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(BUSYBOX_BINARY.toString(), "--list").redirectErrorStream(true).start();
        List<String> out = new ArrayList<>(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .map(String::strip).filter(s -> !s.isEmpty()).toList());
        if (p.waitFor() != 0 || out.isEmpty()) {
            throw new IOException(BUSYBOX_BINARY + " --list failed");
        }
        return out;
    }
}
