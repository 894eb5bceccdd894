package director.tb.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Writes InfiniBand packets as an ERF capture (record type 21) that Wireshark / tshark 4.0
 * open without any settings. See {@link Erf} for the exact layout.
 *
 * <p>The file starts with one 16-byte pad record ({@link Erf#padRecord()}, type 48), so that
 * its first bytes never look like another format's magic number. Each {@link #write} then
 * produces one record: 16-byte header (timestamp, type 21, flags 0x04 = varying length,
 * rlen, lctr 0, wlen = packet length), the packet bytes as given (LRH .. VCRC), then zero
 * padding to a multiple of 8 bytes. Output is buffered; call {@link #close} (or
 * {@link #flush}) to get everything on disk.
 *
 * <p>Timestamps are picoseconds since the start of the simulation and are rounded to the
 * nearest 2<sup>-32</sup> s tick ({@link Erf#toErfTimestamp}). They must not decrease:
 * Wireshark recognises ERF files by heuristics that reject files whose timestamps go
 * backwards by more than a second, and a capture should be in time order anyway.
 *
 * <p>Not thread-safe. Every {@link IOException} names the file.
 */
public final class ErfWriter implements AutoCloseable {
    private static final int BUFFER_BYTES = 1 << 16;

    private final Path file;
    private final OutputStream out;
    private final byte[] header = new byte[Erf.HEADER_BYTES];
    private final byte[] zeros = new byte[Erf.ALIGNMENT];
    private long records;
    private long bytes;
    private long lastTimestampPs = -1;
    private boolean closed;

    /**
     * Creates (or truncates) {@code file}.
     *
     * @throws IOException naming the file when it cannot be opened for writing
     */
    public ErfWriter(Path file) throws IOException {
        this.file = Objects.requireNonNull(file, "file");
        try {
            this.out = new BufferedOutputStream(Files.newOutputStream(file,
                    StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE), BUFFER_BYTES);
        } catch (IOException e) {
            throw new IOException("cannot create ERF file " + file + ": " + CaptureFiles.describe(e), e);
        }
        try {
            out.write(Erf.padRecord());
        } catch (IOException e) {
            closeQuietly();
            throw new IOException("writing the leading pad record to ERF file " + file
                    + " failed: " + CaptureFiles.describe(e), e);
        }
        bytes = Erf.HEADER_BYTES;
    }

    /**
     * Appends one InfiniBand packet record.
     *
     * @param timestampPicoseconds time since the start of the simulation, 0 &le; t &lt;
     *     {@link Erf#MAX_TIMESTAMP_PS_EXCLUSIVE}, not smaller than the previous record's
     * @param packet the wire image starting with the LRH, 1..{@link Erf#MAX_PACKET_BYTES}
     *     bytes (written as is: it is not checked to be a valid InfiniBand packet)
     * @throws IllegalArgumentException for a bad timestamp or packet size
     * @throws IOException naming the file when writing fails or the writer is closed
     */
    public void write(long timestampPicoseconds, byte[] packet) throws IOException {
        Objects.requireNonNull(packet, "packet");
        if (closed) {
            throw new IOException("ERF file " + file + " is already closed (packet #" + records
                    + " not written)");
        }
        if (packet.length == 0 || packet.length > Erf.MAX_PACKET_BYTES) {
            throw new IllegalArgumentException("ERF file " + file + ", packet #" + records
                    + ": packet length " + packet.length + " not in 1.." + Erf.MAX_PACKET_BYTES);
        }
        if (timestampPicoseconds < lastTimestampPs) {
            throw new IllegalArgumentException("ERF file " + file + ", packet #" + records
                    + ": timestamp " + timestampPicoseconds + " ps is before the previous one ("
                    + lastTimestampPs + " ps)");
        }
        long ts;
        try {
            ts = Erf.toErfTimestamp(timestampPicoseconds);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ERF file " + file + ", packet #" + records + ": "
                    + e.getMessage(), e);
        }
        int rlen = Erf.recordLength(packet.length);
        for (int i = 0; i < 8; i++) {
            header[i] = (byte) (ts >>> (8 * i));                  // little-endian
        }
        header[8] = (byte) Erf.TYPE_INFINIBAND;                   // no extension headers
        header[9] = (byte) Erf.FLAG_VLEN;                         // interface 0, no errors
        putBe16(header, 10, rlen);
        putBe16(header, 12, 0);                                   // lctr: no loss
        putBe16(header, 14, packet.length);                       // wlen
        try {
            out.write(header);
            out.write(packet);
            out.write(zeros, 0, rlen - Erf.HEADER_BYTES - packet.length);
        } catch (IOException e) {
            throw new IOException("writing packet #" + records + " to ERF file " + file
                    + " failed: " + CaptureFiles.describe(e), e);
        }
        lastTimestampPs = timestampPicoseconds;
        records++;
        bytes += rlen;
    }

    /** Number of packet records written so far (the leading pad record not counted). */
    public long recordCount() {
        return records;
    }

    /** Number of bytes written so far, pad record included (some may still be buffered). */
    public long byteCount() {
        return bytes;
    }

    /** The file being written. */
    public Path file() {
        return file;
    }

    /**
     * Pushes buffered records to the file.
     *
     * @throws IOException naming the file
     */
    public void flush() throws IOException {
        if (closed) {
            return;
        }
        try {
            out.flush();
        } catch (IOException e) {
            throw new IOException("flushing ERF file " + file + " failed: " + CaptureFiles.describe(e), e);
        }
    }

    /**
     * Flushes and closes the file; further calls do nothing.
     *
     * @throws IOException naming the file
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        CaptureFiles.close(out, "ERF", file);
    }

    private void closeQuietly() {
        closed = true;
        try {
            out.close();
        } catch (IOException ignored) {
            // the original failure is reported
        }
    }

    private static void putBe16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }
}
