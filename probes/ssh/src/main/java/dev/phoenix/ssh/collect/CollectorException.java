package dev.phoenix.ssh.collect;

/** A collector that could not observe its host; the message names the collector and what is missing. */
public final class CollectorException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CollectorException(String message) {
        super(message, null, false, false);
    }
}
