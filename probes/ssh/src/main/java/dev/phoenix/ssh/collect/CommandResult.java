package dev.phoenix.ssh.collect;

import java.nio.charset.StandardCharsets;

/**
 * What one remote command printed and how it ended.
 *
 * @param exit   the exit status
 * @param stdout what it printed on standard output (complete: a command that printed more failed instead)
 * @param stderr the first bytes it printed on standard error
 */
public record CommandResult(int exit, byte[] stdout, byte[] stderr) {

    public CommandResult {
        stdout = stdout == null ? new byte[0] : stdout;
        stderr = stderr == null ? new byte[0] : stderr;
    }

    public String out() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    public String err() {
        return new String(stderr, StandardCharsets.UTF_8).strip();
    }
}
