package dev.phoenix.io;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.Optional;

/**
 * The process's open-file limit ({@code ulimit -n}) and how many files are open now, for what opens
 * many sockets at once (a simulated fleet serves each listener on its own socket), so that it can
 * refuse up front instead of failing half-way with "Too many open files".
 *
 * <pre>{@code
 * OpenFiles.current().filter(f -> f.available() < needed)
 *         .ifPresent(f -> { throw new IllegalStateException("needs " + needed + " open files; " + f); });
 * }</pre>
 *
 * @param limit the most files the process may have open
 * @param open  how many it has open now
 */
public record OpenFiles(long limit, long open) {

    /** The limit and the count, where the platform tells them (Unix JVMs); empty elsewhere. */
    public static Optional<OpenFiles> current() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix && unix.getMaxFileDescriptorCount() > 0) {
            return Optional.of(new OpenFiles(unix.getMaxFileDescriptorCount(), unix.getOpenFileDescriptorCount()));
        }
        return Optional.empty();
    }

    /** How many more files may be opened. */
    public long available() {
        return Math.max(0, limit - open);
    }

    /** {@code the open-file limit (ulimit -n) is 1024, 40 open}. */
    @Override
    public String toString() {
        return "the open-file limit (ulimit -n) is " + limit + ", " + open + " open";
    }
}
