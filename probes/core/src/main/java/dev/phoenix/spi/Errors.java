package dev.phoenix.spi;

import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Failures in one line, the same way everywhere: the exception inside the wrappers futures add,
 * the root cause, and a message that fits a report cell or a console line.
 *
 * <pre>{@code
 * Errors.message(new CompletionException(new IOException("connection reset\n  at ...")))   // "connection reset"
 * Errors.message(Errors.root(e))                                                           // the root cause's first line
 * }</pre>
 */
public final class Errors {

    /** Longest line {@link #firstLine} keeps; longer lines end with an ellipsis. */
    public static final int MAX_LINE = 300;

    private Errors() {
    }

    /** The exception inside the wrappers that futures and reflection add ({@code CompletionException}, {@code ExecutionException}). */
    public static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException || t instanceof InvocationTargetException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** The innermost cause of {@code e} ({@code e} itself when it has none). */
    public static Throwable root(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    /**
     * One line for {@code e}: the first line of its message (after {@link #unwrap}), else of the
     * first cause that has one, else the exception's simple class name.
     */
    public static String message(Throwable e) {
        Throwable t = unwrap(e);
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            String m = c.getMessage();
            if (m != null && !m.isBlank()) {
                return firstLine(m);
            }
        }
        return t.getClass().getSimpleName();
    }

    /** The first line of {@code text}, stripped, at most {@link #MAX_LINE} characters; empty for null. */
    public static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int nl = text.indexOf('\n');
        String line = (nl < 0 ? text : text.substring(0, nl)).strip();
        return line.length() > MAX_LINE ? line.substring(0, MAX_LINE) + "…" : line;
    }
}
