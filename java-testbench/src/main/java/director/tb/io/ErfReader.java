package director.tb.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Streams the records of an ERF file of InfiniBand packets (as written by {@link ErfWriter},
 * or by a DAG card / Wireshark). See {@link Erf} for the layout.
 *
 * <p>Accepted: type 21 (InfiniBand) records, with or without extension headers (skipped),
 * any padding, any flags; type 48 (pad) records are skipped. Everything else is an
 * {@link ErfFormatException} naming the file, the 0-based record index, the byte offset of
 * the record and the problem: a header cut short, rlen below 16, an unsupported record type,
 * extension headers running past rlen, a record with no packet bytes, wlen 0, a record cut
 * short by the end of the file.
 *
 * <p>Use {@link #read()} (null at the end), iterate once ({@link #iterator()}; format and I/O
 * errors then surface as {@link UncheckedIOException} wrapping the {@link IOException}), or
 * {@link #readAll(Path)}.
 */
public final class ErfReader implements AutoCloseable, Iterable<ErfRecord> {
    private static final int BUFFER_BYTES = 1 << 16;

    private final Path file;
    private final InputStream in;
    private final byte[] header = new byte[Erf.HEADER_BYTES];
    private final byte[] ext = new byte[Erf.EXTENSION_HEADER_BYTES];
    private long offset;
    private long index;
    private boolean eof;
    private boolean closed;
    private boolean iterated;

    /**
     * Opens {@code file}.
     *
     * @throws IOException naming the file when it cannot be opened
     */
    public ErfReader(Path file) throws IOException {
        this.file = Objects.requireNonNull(file, "file");
        try {
            this.in = new BufferedInputStream(Files.newInputStream(file), BUFFER_BYTES);
        } catch (IOException e) {
            throw new IOException("cannot open ERF file " + file + ": " + CaptureFiles.describe(e), e);
        }
    }

    /** Reads every packet record of {@code file}. */
    public static List<ErfRecord> readAll(Path file) throws IOException {
        try (ErfReader r = new ErfReader(file)) {
            return r.readAll();
        }
    }

    /** Reads all remaining packet records. */
    public List<ErfRecord> readAll() throws IOException {
        List<ErfRecord> list = new ArrayList<>();
        for (ErfRecord r = read(); r != null; r = read()) {
            list.add(r);
        }
        return list;
    }

    /**
     * The next packet record, or {@code null} at the end of the file.
     *
     * @throws ErfFormatException when the file is malformed
     * @throws IOException naming the file on a read error
     */
    public ErfRecord read() throws IOException {
        if (closed) {
            throw new IOException("ERF file " + file + " is already closed");
        }
        while (!eof) {
            ErfRecord r = readRecord();
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    /** The file being read. */
    public Path file() {
        return file;
    }

    /** Byte offset of the next record header. */
    public long offset() {
        return offset;
    }

    /** Index of the next record (pad records included). */
    public long recordIndex() {
        return index;
    }

    /** Reads one record; null for a pad record or at the end of the file (eof set). */
    private ErfRecord readRecord() throws IOException {
        long start = offset;
        int got = readFully(header, 0, Erf.HEADER_BYTES);
        if (got == 0) {
            eof = true;
            return null;
        }
        if (got < Erf.HEADER_BYTES) {
            throw fail(start, "truncated header: only " + got + " of " + Erf.HEADER_BYTES
                    + " header bytes before the end of the file");
        }
        long ts = 0;
        for (int i = 7; i >= 0; i--) {
            ts = (ts << 8) | (header[i] & 0xFF);
        }
        int typeByte = header[8] & 0xFF;
        int type = typeByte & 0x7F;
        int flags = header[9] & 0xFF;
        int rlen = be16(header, 10);
        int wlen = be16(header, 14);
        if (rlen < Erf.HEADER_BYTES) {
            throw fail(start, "rlen " + rlen + " is smaller than the " + Erf.HEADER_BYTES
                    + "-byte header");
        }
        int remaining = rlen - Erf.HEADER_BYTES;
        if (type == Erf.TYPE_PAD) {
            byte[] skip = new byte[remaining];
            int n = readFully(skip, 0, remaining);
            if (n < remaining) {
                throw truncated(start, rlen, Erf.HEADER_BYTES + n);
            }
            index++;
            return null;
        }
        if (type != Erf.TYPE_INFINIBAND) {
            throw fail(start, "unsupported record type " + type + " (type byte 0x"
                    + Integer.toHexString(typeByte) + "); expected " + Erf.TYPE_INFINIBAND
                    + " (InfiniBand) or " + Erf.TYPE_PAD + " (pad)");
        }
        boolean more = (typeByte & Erf.TYPE_EXTENSION_BIT) != 0;
        int extensions = 0;
        while (more) {
            if (remaining < Erf.EXTENSION_HEADER_BYTES) {
                throw fail(start, "extension header #" + extensions + " does not fit in rlen "
                        + rlen);
            }
            int n = readFully(ext, 0, Erf.EXTENSION_HEADER_BYTES);
            if (n < Erf.EXTENSION_HEADER_BYTES) {
                throw truncated(start, rlen, rlen - remaining + n);
            }
            remaining -= Erf.EXTENSION_HEADER_BYTES;
            more = (ext[0] & 0x80) != 0;
            extensions++;
        }
        if (remaining == 0) {
            throw fail(start, "record has no packet bytes (rlen " + rlen + ")");
        }
        if (wlen == 0) {
            throw fail(start, "wlen is 0");
        }
        byte[] body = new byte[remaining];
        int n = readFully(body, 0, remaining);
        if (n < remaining) {
            throw truncated(start, rlen, rlen - remaining + n);
        }
        byte[] packet = wlen < remaining ? Arrays.copyOf(body, wlen) : body;
        index++;
        return new ErfRecord(ts, type, flags, wlen, packet);
    }

    private ErfFormatException truncated(long start, int rlen, long have) {
        return fail(start, "truncated record: rlen " + rlen + " but only " + have
                + " bytes before the end of the file");
    }

    private ErfFormatException fail(long start, String problem) {
        return new ErfFormatException(file, index, start, problem);
    }

    /** Reads up to len bytes (fewer only at the end of the file); advances offset. */
    private int readFully(byte[] b, int off, int len) throws IOException {
        int total = 0;
        while (total < len) {
            int n;
            try {
                n = in.read(b, off + total, len - total);
            } catch (IOException e) {
                throw new IOException("reading ERF file " + file + " at byte offset "
                        + (offset + total) + " (record #" + index + ") failed: " + CaptureFiles.describe(e), e);
            }
            if (n < 0) {
                break;
            }
            total += n;
        }
        offset += total;
        return total;
    }

    private static int be16(byte[] b, int off) {
        return ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF);
    }

    /**
     * A single-use iterator over the remaining records. Errors are thrown from
     * {@code hasNext()}/{@code next()} as {@link UncheckedIOException}.
     *
     * @throws IllegalStateException when called a second time
     */
    @Override
    public Iterator<ErfRecord> iterator() {
        if (iterated) {
            throw new IllegalStateException("ErfReader for " + file + " can be iterated only once");
        }
        iterated = true;
        return new Iterator<>() {
            private ErfRecord next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    try {
                        next = read();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e.getMessage(), e);
                    }
                }
                return next != null;
            }

            @Override
            public ErfRecord next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("no more records in " + file);
                }
                ErfRecord r = next;
                next = null;
                return r;
            }
        };
    }

    /** Closes the file; further calls do nothing. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        CaptureFiles.close(in, "ERF", file);
    }
}
