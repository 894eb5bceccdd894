package director.tb.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads a whole pcapng file (the format of Wireshark and dumpcap; IETF draft-ietf-opsawg-pcapng): every section,
 * in its own byte order, with its interfaces and packets.
 *
 * <h2>What is read</h2>
 * <ul>
 *   <li>Section Header Block (0x0A0D0D0A): the byte-order magic 0x1A2B3C4D read little-endian says little-endian,
 *       0x4D3C2B1A says big-endian; major version 1. A new section starts a new list of interfaces.</li>
 *   <li>Interface Description Block (1): link type, snaplen, and the options {@code if_tsresol} (9; 10<sup>-n</sup> s,
 *       or 2<sup>-n</sup> s when bit 7 is set; default 6 = microseconds), {@code if_fcslen} (13; bytes of FCS at the
 *       end of each frame) and {@code if_tsoffset} (14; seconds added to every timestamp).</li>
 *   <li>Enhanced Packet Block (6) and the obsolete Packet Block (2): interface, timestamp, captured and original
 *       length, data.</li>
 *   <li>Simple Packet Block (3): original length and data, on the section's first interface; captured length is
 *       the smaller of the original length, the interface's snaplen (when not 0) and the block's room. It carries no
 *       time: it gets the time of the packet before it in the file (0 for the first).</li>
 *   <li>Every other block type (name resolution, interface statistics, decryption secrets, custom...) is skipped
 *       whole.</li>
 * </ul>
 *
 * <h2>Errors</h2>
 * An {@link InputError} naming the file, {@code block N at byte offset X} (blocks numbered from 1; a packet block
 * also names its frame, numbered from 1 across the file as Wireshark numbers them) and the field: a truncated block
 * (the file ends inside it), a bad {@code block_total_length} (under 12, not a multiple of 4, the trailing copy
 * different, too small for the block type), an unknown byte-order magic, a major version other than 1, a file that
 * does not start with a section header, an option running past its block, a packet on an interface the section has
 * not defined ({@code interface_id}), a captured length that does not fit its block, a timestamp past the year 2262.
 */
public final class PcapngReader {
    /** Block types. */
    public static final int SHB = 0x0A0D0D0A, IDB = 1, PACKET_BLOCK = 2, SPB = 3, EPB = 6;
    /** The SHB's byte-order magic, as written by the file's writer. */
    public static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    /** Option codes. */
    public static final int OPT_ENDOFOPT = 0, IF_TSRESOL = 9, IF_FCSLEN = 13, IF_TSOFFSET = 14;

    /**
     * An interface of a section.
     *
     * @param section         the section, from 1
     * @param id              its interface ID inside the section, from 0
     * @param linkType        LINKTYPE_ value
     * @param snaplen         0 = no limit
     * @param tsresol         the {@code if_tsresol} byte (6 when absent)
     * @param fcsLength       bytes of FCS ending each frame per {@code if_fcslen}; -1 when the option is absent
     * @param tsOffsetSeconds {@code if_tsoffset} (0 when absent)
     */
    public record Interface(int section, int id, int linkType, long snaplen, int tsresol, int fcsLength,
                            long tsOffsetSeconds) {
    }

    /**
     * A packet.
     *
     * @param frame               its number in the file, from 1 (Wireshark's frame number)
     * @param block               its block's number, from 1
     * @param offset              its block's byte offset
     * @param iface               the interface it was captured on
     * @param timestampNanoseconds since 1970 (or the writer's epoch), rounded to the nearest nanosecond
     * @param originalLength      its length on the wire
     * @param data                the captured bytes
     */
    public record Packet(long frame, long block, long offset, Interface iface, long timestampNanoseconds,
                         long originalLength, byte[] data) {
        /** {@code block N at byte offset X (frame F)}, for messages. */
        public String where() {
            return "block " + block + " at byte offset " + offset + " (frame " + frame + ")";
        }
    }

    /** Every interface (all sections) and every packet, in file order. */
    public record Capture(List<Interface> interfaces, List<Packet> packets) {
    }

    private PcapngReader() {
    }

    /**
     * Reads {@code file} whole.
     *
     * @throws InputError when it is malformed (class comment)
     * @throws IOException when it cannot be read
     */
    public static Capture read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        return new Parse(file.toString(), ByteBuffer.wrap(Files.readAllBytes(file))).run();
    }

    /** One pass over the bytes of a file. */
    private static final class Parse {
        private final String file;
        private final ByteBuffer b;
        private final List<Interface> all = new ArrayList<>();
        private final List<Packet> packets = new ArrayList<>();
        private List<Interface> section;
        private int sections;
        private long block;
        private int off;
        private long lastTime;

        Parse(String file, ByteBuffer b) {
            this.file = file;
            this.b = b;
        }

        Capture run() {
            while (off < b.limit()) {
                block++;
                int left = b.limit() - off;
                if (left < 12) {
                    throw error("block_total_length", "truncated block: " + left
                            + " bytes left, a block has at least 12");
                }
                if (b.getInt(off) == SHB) {                 // the same in either byte order
                    byteOrder();
                } else if (section == null) {
                    throw error("block_type", String.format("bytes %02X %02X %02X %02X: a pcapng file starts with a"
                            + " section header block (0A 0D 0D 0A)", b.get(off), b.get(off + 1), b.get(off + 2),
                            b.get(off + 3)));
                }
                int type = b.getInt(off);
                long total = b.getInt(off + 4) & 0xFFFF_FFFFL;
                if (total < 12 || total % 4 != 0) {
                    throw error("block_total_length", "bad block length " + total
                            + ": must be a multiple of 4, at least 12");
                }
                if (total > left) {
                    throw error("block_total_length", "truncated block: block_total_length " + total
                            + " but only " + left + " bytes left in the file");
                }
                long trailing = b.getInt(off + (int) total - 4) & 0xFFFF_FFFFL;
                if (trailing != total) {
                    throw error("block_total_length", "bad block length: the trailing copy " + trailing
                            + " differs from " + total);
                }
                int body = off + 8;
                int end = off + (int) total - 4;
                switch (type) {
                    case SHB -> sectionHeader(body, end);
                    case IDB -> interfaceDescription(body, end);
                    case EPB -> packet(body, end, false);
                    case PACKET_BLOCK -> packet(body, end, true);
                    case SPB -> simplePacket(body, end);
                    default -> { }
                }
                off += (int) total;
            }
            return new Capture(List.copyOf(all), List.copyOf(packets));
        }

        /** Sets the byte order from the SHB's magic. */
        private void byteOrder() {
            int magic = b.order(ByteOrder.LITTLE_ENDIAN).getInt(off + 8);
            if (magic == BYTE_ORDER_MAGIC) {
                return;
            }
            if (Integer.reverseBytes(magic) == BYTE_ORDER_MAGIC) {
                b.order(ByteOrder.BIG_ENDIAN);
                return;
            }
            throw error("byte_order_magic", String.format("unknown byte-order magic: bytes %02X %02X %02X %02X,"
                    + " expected 4D 3C 2B 1A (little-endian) or 1A 2B 3C 4D (big-endian)", magic & 0xFF,
                    (magic >>> 8) & 0xFF, (magic >>> 16) & 0xFF, magic >>> 24));
        }

        private void sectionHeader(int body, int end) {
            requireBody(body, end, 16, "section header");
            int major = b.getShort(body + 4) & 0xFFFF;
            if (major != 1) {
                throw error("major_version", major + ": only pcapng version 1 is defined");
            }
            sections++;
            section = new ArrayList<>();
        }

        private void interfaceDescription(int body, int end) {
            requireBody(body, end, 8, "interface description");
            int linkType = b.getShort(body) & 0xFFFF;
            long snaplen = b.getInt(body + 4) & 0xFFFF_FFFFL;
            int tsresol = 6, fcslen = -1;
            long tsoffset = 0;
            int p = body + 8;
            while (p < end) {
                if (end - p < 4) {
                    throw error("options", "option header cut short: " + (end - p) + " bytes before the block's end");
                }
                int code = b.getShort(p) & 0xFFFF;
                int len = b.getShort(p + 2) & 0xFFFF;
                if (code == OPT_ENDOFOPT) {
                    break;
                }
                int padded = (len + 3) & ~3;
                if (padded > end - p - 4) {
                    throw error("options", "option " + code + " of " + len + " bytes runs past the block's end");
                }
                switch (code) {
                    case IF_TSRESOL -> tsresol = optionByte(p, len, "if_tsresol");
                    case IF_FCSLEN -> fcslen = optionByte(p, len, "if_fcslen");
                    case IF_TSOFFSET -> {
                        if (len != 8) {
                            throw error("if_tsoffset", "option of " + len + " bytes, must be 8");
                        }
                        tsoffset = b.getLong(p + 4);
                    }
                    default -> { }
                }
                p += 4 + padded;
            }
            Interface i = new Interface(sections, section.size(), linkType, snaplen, tsresol, fcslen, tsoffset);
            section.add(i);
            all.add(i);
        }

        private int optionByte(int p, int len, String field) {
            if (len != 1) {
                throw error(field, "option of " + len + " bytes, must be 1");
            }
            return b.get(p + 4) & 0xFF;
        }

        /** An EPB, or the obsolete Packet Block (16-bit interface ID and drops count). */
        private void packet(int body, int end, boolean obsolete) {
            requireBody(body, end, 20, obsolete ? "packet" : "enhanced packet");
            int id = obsolete ? b.getShort(body) & 0xFFFF : b.getInt(body);
            Interface i = iface(id & 0xFFFF_FFFFL, obsolete ? "packet block" : "EPB");
            long units = ((b.getInt(body + 4) & 0xFFFF_FFFFL) << 32) | (b.getInt(body + 8) & 0xFFFF_FFFFL);
            long captured = b.getInt(body + 12) & 0xFFFF_FFFFL;
            long original = b.getInt(body + 16) & 0xFFFF_FFFFL;
            if (captured > end - body - 20) {
                throw error("captured_packet_length", "truncated block: " + captured + " bytes do not fit the "
                        + (end - body - 20) + " bytes of packet data the block has");
            }
            long ns;
            try {
                ns = PcapngTime.nanoseconds(units, i.tsresol(), i.tsOffsetSeconds());
            } catch (ArithmeticException e) {
                throw error("timestamp", Long.toUnsignedString(units) + " units of if_tsresol " + i.tsresol()
                        + " is past the year 2262");
            }
            add(i, ns, original, body + 20, (int) captured);
        }

        private void simplePacket(int body, int end) {
            requireBody(body, end, 4, "simple packet");
            Interface i = iface(0, "SPB");
            long original = b.getInt(body) & 0xFFFF_FFFFL;
            long captured = Math.min(original, end - body - 4);
            if (i.snaplen() > 0) {
                captured = Math.min(captured, i.snaplen());
            }
            add(i, lastTime, original, body + 4, (int) captured);
        }

        private void add(Interface i, long ns, long original, int at, int captured) {
            byte[] data = new byte[captured];
            b.get(at, data);
            packets.add(new Packet(packets.size() + 1, block, off, i, ns, original, data));
            lastTime = ns;
        }

        private Interface iface(long id, String kind) {
            if (id >= section.size()) {
                throw error("interface_id", kind + " on undefined interface " + id + ": section " + sections
                        + " defines " + section.size() + " interface(s) before this block");
            }
            return section.get((int) id);
        }

        private void requireBody(int body, int end, int min, String kind) {
            if (end - body < min) {
                throw error("block_total_length", "bad block length " + (end - body + 12) + ": a " + kind
                        + " block has at least " + (min + 12) + " bytes");
            }
        }

        private InputError error(String field, String problem) {
            String where = "block " + block + " at byte offset " + off;
            int type = b.limit() - off >= 4 ? b.getInt(off) : -1;
            if (section != null && (type == EPB || type == SPB || type == PACKET_BLOCK)) {
                where += " (frame " + (packets.size() + 1) + ")";
            }
            return new InputError(file, where, field, problem);
        }
    }
}
