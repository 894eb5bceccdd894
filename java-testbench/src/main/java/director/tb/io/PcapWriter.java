package director.tb.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Writes a classic pcap file ({@link Pcap}) of one link type: for the director's 10GbE ports
 * {@link Pcap.LinkType#ETHERNET_WITH_FCS} (frames as on the port stream, FCS included, so
 * Wireshark checks it when asked: {@code -o eth.check_fcs:TRUE}), for FC ports
 * {@link Pcap.LinkType#FC_2_WITH_FRAME_DELIMS} (records from {@code FcFrame#orderedSetBytes}).
 *
 * <p>Timestamps are picoseconds since the start of the simulation, as for {@link ErfWriter}
 * (the caller converts cycles: {@code Math.round(cycle * nsPerCycle * 1000)}), rounded to the
 * nearest nanosecond by default ({@link Pcap.Resolution#NANOSECONDS}, magic 0xA1B23C4D) or
 * microsecond; they must not decrease. Each record's captured and original lengths are the
 * frame's length (nothing is cut). Output is buffered: {@link #close} it. Not thread-safe;
 * every {@link IOException} names the file.
 */
public final class PcapWriter implements AutoCloseable {
    private final Path file;
    private final Pcap.Resolution resolution;
    private final OutputStream out;
    private final byte[] header = new byte[Pcap.RECORD_HEADER_BYTES];
    private long records;
    private long lastPs = -1;
    private boolean closed;

    /** A nanosecond-resolution file; see {@link #PcapWriter(Path, Pcap.LinkType, Pcap.Resolution)}. */
    public PcapWriter(Path file, Pcap.LinkType linkType) throws IOException {
        this(file, linkType, Pcap.Resolution.NANOSECONDS);
    }

    /**
     * Creates (or truncates) {@code file} and writes the file header.
     *
     * @throws IOException naming the file when it cannot be written
     */
    public PcapWriter(Path file, Pcap.LinkType linkType, Pcap.Resolution resolution) throws IOException {
        this.file = Objects.requireNonNull(file, "file");
        this.resolution = Objects.requireNonNull(resolution, "resolution");
        Objects.requireNonNull(linkType, "linkType");
        try {
            out = new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE), 1 << 16);
        } catch (IOException e) {
            throw new IOException("cannot create pcap file " + file + ": " + e.getMessage(), e);
        }
        byte[] h = new byte[Pcap.FILE_HEADER_BYTES];
        putLe32(h, 0, resolution.magic);
        putLe16(h, 4, 2);
        putLe16(h, 6, 4);
        putLe32(h, 16, Pcap.SNAPLEN);
        putLe32(h, 20, linkType.network);
        try {
            out.write(h);
        } catch (IOException e) {
            closed = true;
            try {
                out.close();
            } catch (IOException ignored) {
                // the write failure is reported
            }
            throw new IOException("writing the header of pcap file " + file + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Appends one record.
     *
     * @param timestampPicoseconds &ge; 0 and not smaller than the previous record's
     * @param frame 1..{@link Pcap#SNAPLEN} bytes, written as given
     * @throws IllegalArgumentException naming the file and record for a bad timestamp or size
     * @throws IOException naming the file when writing fails or the writer is closed
     */
    public void write(long timestampPicoseconds, byte[] frame) throws IOException {
        Objects.requireNonNull(frame, "frame");
        String where = "pcap file " + file + ", record #" + records;
        if (closed) {
            throw new IOException(where + ": the writer is closed");
        }
        if (frame.length == 0 || frame.length > Pcap.SNAPLEN) {
            throw new IllegalArgumentException(where + ": frame length " + frame.length
                    + " not in 1.." + Pcap.SNAPLEN);
        }
        if (timestampPicoseconds < lastPs) {
            throw new IllegalArgumentException(where + ": timestamp " + timestampPicoseconds
                    + " ps is before the previous one (" + lastPs + " ps)");
        }
        long[] t;
        try {
            t = Pcap.toSecondsAndFraction(timestampPicoseconds, resolution);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
        putLe32(header, 0, (int) t[0]);
        putLe32(header, 4, (int) t[1]);
        putLe32(header, 8, frame.length);
        putLe32(header, 12, frame.length);
        try {
            out.write(header);
            out.write(frame);
        } catch (IOException e) {
            throw new IOException("writing " + where + " failed: " + e.getMessage(), e);
        }
        lastPs = timestampPicoseconds;
        records++;
    }

    /** Records written so far. */
    public long recordCount() {
        return records;
    }

    /** The file being written. */
    public Path file() {
        return file;
    }

    /** Flushes and closes; further calls do nothing. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        CaptureFiles.close(out, "pcap", file);
    }

    private static void putLe16(byte[] b, int o, int v) {
        b[o] = (byte) v;
        b[o + 1] = (byte) (v >>> 8);
    }

    private static void putLe32(byte[] b, int o, int v) {
        b[o] = (byte) v;
        b[o + 1] = (byte) (v >>> 8);
        b[o + 2] = (byte) (v >>> 16);
        b[o + 3] = (byte) (v >>> 24);
    }
}
