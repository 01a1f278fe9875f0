package dev.phoenix.ssh.testing;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.phoenix.testing.Requirements;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The image of the SSH test hosts ({@value #IMAGE}), built on demand by the same script CI runs
 * ({@code .ci/ssh-host-image.sh}: debootstrap from the configured Debian mirror, then
 * {@code docker import}; cached in {@code $PHOENIX_CI_STATE}), since no image can be pulled.
 *
 * <pre>{@code
 * String image = SshHostImage.ensure(client);   // "phoenix-test/sshd:1"
 * }</pre>
 */
public final class SshHostImage {

    public static final String IMAGE = "phoenix-test/sshd:1";

    private SshHostImage() {
    }

    public static synchronized String ensure(DockerClient client) {
        try {
            client.inspectImageCmd(IMAGE).exec();
            return IMAGE;
        } catch (NotFoundException missing) {
            // built below
        }
        Path script = script();
        Requirements.executable("/usr/sbin/debootstrap", "/usr/bin/debootstrap");
        try {
            Path log = Files.createTempFile("ssh-host-image", ".log");
            Process p = new ProcessBuilder("bash", script.toString(), IMAGE).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("building " + IMAGE + " with " + script + " failed:\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            client.inspectImageCmd(IMAGE).exec();
            return IMAGE;
        } catch (IOException e) {
            throw new IllegalStateException("building " + IMAGE + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building " + IMAGE, e);
        }
    }

    /** {@code .ci/ssh-host-image.sh} of this checkout, found from the working directory up. */
    static Path script() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(".ci/ssh-host-image.sh");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no .ci/ssh-host-image.sh above " + Path.of("").toAbsolutePath());
    }
}
