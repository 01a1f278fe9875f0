package dev.phoenix.ssh;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;

/**
 * An output stream that keeps at most {@code max} bytes and, past them, keeps only the count and
 * calls its overflow action once (the command's channel is closed then), so that a command that
 * prints 100 MB costs {@code max} bytes of memory and no more. Written by MINA's I/O threads.
 */
final class CappedOutput extends OutputStream {

    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final int max;
    private final Runnable onOverflow;
    private long total;
    private boolean overflowed;

    CappedOutput(int max, Runnable onOverflow) {
        this.max = max;
        this.onOverflow = onOverflow;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        boolean first;
        synchronized (this) {
            total += len;
            if (!overflowed && kept.size() + len <= max) {
                kept.write(b, off, len);
                return;
            }
            first = !overflowed;
            overflowed = true;
        }
        if (first && onOverflow != null) {
            onOverflow.run();
        }
    }

    synchronized boolean overflowed() {
        return overflowed;
    }

    synchronized byte[] bytes() {
        return kept.toByteArray();
    }
}
