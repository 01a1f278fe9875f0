package dev.phoenix.ssh;

/** How a host's key is checked before anything is sent to it. */
public enum HostKeyMode {
    /** Only keys in known_hosts are trusted: an unknown host is refused (OpenSSH's StrictHostKeyChecking=yes). */
    STRICT,
    /**
     * A host seen for the first time has its key recorded in Phoenix's store ({@code ssh/known_hosts});
     * from then on only that key is trusted (OpenSSH's StrictHostKeyChecking=accept-new).
     */
    ACCEPT_NEW
}
