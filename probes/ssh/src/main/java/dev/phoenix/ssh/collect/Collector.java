package dev.phoenix.ssh.collect;

import dev.phoenix.model.Fact;
import java.util.List;

/**
 * One built-in, read-only observation of a host: a fixed command and the parser of what it
 * prints, giving facts under {@code ssh.<name>.}. No text from a member ever reaches the command;
 * what the config adds (paths, unit names, sysctl keys) is checked against a strict character set
 * and passed as quoted arguments ({@link Shell}).
 *
 * <pre>{@code
 * Collector os = Collectors.parse(Settings.of("collectors", List.of("os"))).get(0);
 * remote.run(os.command()).map(os::parse);   // [ssh.os.id=debian, ssh.os.version_id=12, ssh.os.kernel=6.1.0-...]
 * }</pre>
 */
public interface Collector {

    /** The collector's name, also its fact namespace: {@code os}, {@code packages}, {@code command.app-version}. */
    String name();

    /** The command line sent to the host, run by the login user's shell. */
    String command();

    /**
     * The facts in what the command printed; throws {@link CollectorException} when the output
     * cannot be trusted (a missing tool, a file that cannot be read, an unexpected exit).
     */
    List<Fact> parse(CommandResult result);
}
