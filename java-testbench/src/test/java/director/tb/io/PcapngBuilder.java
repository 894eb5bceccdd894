package director.tb.io;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Builds small pcapng files block by block, in either byte order, for tests of {@link PcapngReader} and the capture
 * import: every block laid out as the pcapng specification says (type, total length, body padded to 4, total
 * length again).
 */
public final class PcapngBuilder {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;

    /** A section header block in {@code order} (version 1.0, section length -1). */
    public PcapngBuilder section(ByteOrder order) {
        this.order = order;
        ByteBuffer b = body(16);
        b.putInt(PcapngReader.BYTE_ORDER_MAGIC).putShort((short) 1).putShort((short) 0).putLong(-1);
        return block(PcapngReader.SHB, b.array());
    }

    /**
     * An interface description block.
     *
     * @param tsresol the if_tsresol byte, or -1 for none (microseconds)
     * @param fcslen  the if_fcslen byte, or -1 for none
     */
    public PcapngBuilder iface(int linkType, int snaplen, int tsresol, int fcslen) {
        ByteBuffer b = body(8 + 8 + 8 + 4);
        b.putShort((short) linkType).putShort((short) 0).putInt(snaplen);
        if (tsresol >= 0) b.putShort((short) PcapngReader.IF_TSRESOL).putShort((short) 1).put((byte) tsresol).put(new byte[3]);
        if (fcslen >= 0) b.putShort((short) PcapngReader.IF_FCSLEN).putShort((short) 1).put((byte) fcslen).put(new byte[3]);
        b.putInt(0);                                    // opt_endofopt
        return block(PcapngReader.IDB, Arrays.copyOf(b.array(), b.position()));
    }

    /** An enhanced packet block. */
    public PcapngBuilder epb(int ifId, long units, byte[] data) {
        return epb(ifId, units, data, data.length);
    }

    /** An enhanced packet block whose original length is {@code originalLength}. */
    public PcapngBuilder epb(int ifId, long units, byte[] data, int originalLength) {
        ByteBuffer b = body(20 + pad(data.length));
        b.putInt(ifId).putInt((int) (units >>> 32)).putInt((int) units).putInt(data.length).putInt(originalLength).put(data);
        return block(PcapngReader.EPB, b.array());
    }

    /** A simple packet block. */
    public PcapngBuilder spb(byte[] data) {
        ByteBuffer b = body(4 + pad(data.length));
        b.putInt(data.length).put(data);
        return block(PcapngReader.SPB, b.array());
    }

    /** A block of any type with this body (padded to 4). */
    public PcapngBuilder block(int type, byte[] body) {
        int total = 12 + pad(body.length);
        ByteBuffer b = ByteBuffer.allocate(total).order(order);
        b.putInt(type).putInt(total).put(body).position(total - 4);
        b.putInt(total);
        out.writeBytes(b.array());
        return this;
    }

    /** Raw bytes as they are. */
    public PcapngBuilder raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    public byte[] bytes() {
        return out.toByteArray();
    }

    private ByteBuffer body(int n) {
        return ByteBuffer.allocate(n).order(order);
    }

    private static int pad(int n) {
        return (n + 3) & ~3;
    }
}
