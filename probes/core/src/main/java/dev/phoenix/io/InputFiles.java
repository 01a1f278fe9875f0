package dev.phoenix.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads a text file a user points Phoenix at (the config, a host list) with a size cap, refusing
 * at once what is not a regular file (a FIFO would block forever, {@code /dev/zero} never ends)
 * and text that is not UTF-8, saying where the first bad byte is.
 *
 * <pre>{@code
 * String yaml = InputFiles.readUtf8(Path.of("phoenix.yaml"), InputFiles.CONFIG_LIMIT);
 * // InputFiles.Refused: "not a regular file (a FIFO, socket or device)", "larger than 1 MiB", ...
 * // InputFiles.NotUtf8: line 3, column 7, offset 41
 * }</pre>
 *
 * <p>Blocking: call it from the main thread or a worker, never from an event loop.
 */
public final class InputFiles {

    /** The largest config file Phoenix reads: 1 MiB. */
    public static final int CONFIG_LIMIT = 1 << 20;
    /** The largest host list ({@code static.file}) Phoenix reads: 16 MiB, some 300,000 URLs. */
    public static final int HOST_FILE_LIMIT = 16 << 20;

    /** The largest scorecard {@code phoenix report --in} reads: 512 MiB (a million members). */
    public static final int SCORECARD_LIMIT = 512 << 20;

    private InputFiles() {
    }

    /** A file that was refused before or while reading it; the message says why in a few words. */
    public static class Refused extends IOException {
        private static final long serialVersionUID = 1L;

        public Refused(String message) {
            super(message);
        }
    }

    /** Bytes that are not UTF-8, located by line and column (1-based) and byte offset (0-based). */
    public static final class NotUtf8 extends Refused {
        private static final long serialVersionUID = 1L;
        private final int line;
        private final int column;
        private final long offset;
        private final int value;

        NotUtf8(int line, int column, long offset, int value) {
            super("not UTF-8: byte 0x" + String.format("%02x", value & 0xff) + " at line " + line + ", column " + column
                    + " (offset " + offset + ")");
            this.line = line;
            this.column = column;
            this.offset = offset;
            this.value = value & 0xff;
        }

        /** The first byte that is not UTF-8, 0-255. */
        public int value() {
            return value;
        }

        public int line() {
            return line;
        }

        public int column() {
            return column;
        }

        public long offset() {
            return offset;
        }
    }

    /**
     * The file's text.
     *
     * @param limit the most bytes to read; a longer file is refused without being read further
     * @throws java.nio.file.NoSuchFileException when it does not exist
     * @throws Refused                           when it is not a regular file, is larger than {@code limit}
     *                                           or is not UTF-8 ({@link NotUtf8})
     */
    public static String readUtf8(Path file, int limit) throws IOException {
        return decode(readBytes(file, limit));
    }

    /**
     * The file's bytes, at most {@code limit} of them.
     *
     * @throws java.nio.file.NoSuchFileException when it does not exist
     * @throws Refused                           when it is not a regular file or is larger than {@code limit}
     */
    public static byte[] readBytes(Path file, int limit) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);   // follows links
        if (!attributes.isRegularFile()) {
            throw new Refused("not a regular file (" + (attributes.isDirectory() ? "a directory" : "a FIFO, socket or device") + ")");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(limit + 1);
        }
        if (bytes.length > limit) {
            throw new Refused("larger than " + size(limit) + ", the most Phoenix reads for this file");
        }
        return bytes;
    }

    /** {@code bytes} as UTF-8 text; a byte sequence that is not UTF-8 is a {@link NotUtf8}. */
    public static String decode(byte[] bytes) throws NotUtf8 {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int offset = in.position();
            int line = 1;
            int column = 1;
            for (int i = 0; i < out.position(); i++) {
                if (out.get(i) == '\n') {
                    line++;
                    column = 1;
                } else {
                    column++;
                }
            }
            throw new NotUtf8(line, column, offset, bytes[Math.min(offset, bytes.length - 1)]);
        }
        out.flip();
        return out.toString();
    }

    /**
     * Why an I/O operation failed, in words: the operating system's reason ("Permission denied",
     * "Not a directory"), else what the exception type says ("no such file or directory", "a file
     * is in the way"), else its message.
     */
    public static String reason(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or directory: " + ((java.nio.file.FileSystemException) e).getFile();
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException f) {
            return "a file is in the way: " + f.getFile();
        }
        if (e instanceof java.nio.file.AccessDeniedException f) {
            return "permission denied: " + f.getFile();
        }
        if (e instanceof java.nio.file.NotDirectoryException f) {
            return "not a directory: " + f.getFile();
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason() + (f.getFile() == null ? "" : ": " + f.getFile());
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** {@code 1 MiB}, {@code 64 KiB}, {@code 100 bytes}. */
    public static String size(long bytes) {
        if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        if (bytes >= 1 << 10 && bytes % (1 << 10) == 0) {
            return (bytes >> 10) + " KiB";
        }
        return bytes + " bytes";
    }
}
