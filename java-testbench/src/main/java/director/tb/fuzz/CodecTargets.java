package director.tb.fuzz;

import director.tb.frame.Crc32;
import director.tb.frame.Eoib;
import director.tb.frame.EthernetFrame;
import director.tb.frame.FcEof;
import director.tb.frame.FcFrame;
import director.tb.frame.FcSof;
import director.tb.frame.Fcoib;
import director.tb.frame.FrameException;
import director.tb.frame.IbPacket;
import director.tb.frame.IpPacket;
import director.tb.frame.UdRoute;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The frame codecs' decoders. The input's first byte is a mode, the rest the bytes decoded; mode bits ask the target
 * to make the bytes pass the checks random bytes almost never pass (a right CRC, a PktLen that fits the image, a
 * wrapping UD packet), so the fuzzer reaches the checks behind them. The documented error is a
 * {@link FrameException} naming the field and an offset in the image; what decodes must encode back to itself.
 */
final class CodecTargets {
    private CodecTargets() {}

    /** The route the EoIB and FCoIB targets wrap payloads in. */
    private static final UdRoute ROUTE = new UdRoute(1, 1, 0xFFFE, 2, 0x10, 0x20);
    /** Largest payload wrapped in a UD packet (PktLen is 11 bits of words). */
    private static final int MAX_UD_PAYLOAD = (IbPacket.MAX_PKT_LEN_WORDS * 4) - IbPacket.LRH_BYTES - IbPacket.BTH_BYTES
            - IbPacket.DETH_BYTES - IbPacket.ICRC_BYTES;

    abstract static class CodecTarget implements FuzzTarget {
        private final String name;
        private final String description;

        CodecTarget(String name, String description) {
            this.name = name;
            this.description = description;
        }

        @Override public String name() { return name; }

        @Override public String description() { return description; }

        @Override public String toString() { return name; }

        @Override public void fuzz(byte[] input) throws Throwable {
            int mode = input.length == 0 ? 0 : input[0] & 0xFF;
            decode(mode, input.length == 0 ? input : Arrays.copyOfRange(input, 1, input.length));
        }

        abstract void decode(int mode, byte[] bytes) throws Throwable;

        /** A seed: {@code mode} and {@code bytes}. */
        static byte[] seed(int mode, byte[] bytes) {
            byte[] s = new byte[bytes.length + 1];
            s[0] = (byte) mode;
            System.arraycopy(bytes, 0, s, 1, bytes.length);
            return s;
        }
    }

    // ---------------------------------------------------------------- InfiniBand

    static final FuzzTarget IB_PACKET = new CodecTarget("ib-packet",
            "an InfiniBand wire image (IbPacket.check never throws; decode, decodeUnchecked; a decoded packet encodes to an "
                    + "image that decodes to it again); mode bit 0: LNH 2 and PktLen made to fit, bit 1: ICRC and VCRC made "
                    + "right: FrameException naming the field and offset") {
        @Override void decode(int mode, byte[] w) {
            if ((mode & 1) != 0) fitLrh(w);
            if ((mode & 2) != 0) fixCrcs(w);
            IbPacket.check(w);
            for (boolean verify : new boolean[] {true, false}) {
                IbPacket p;
                try {
                    p = verify ? IbPacket.decode(w) : IbPacket.decodeUnchecked(w);
                } catch (FrameException e) {
                    Expect.namesField(e, w.length);
                    continue;
                }
                IbPacket again = IbPacket.decode(p.encode());
                Expect.check(again.equals(p), "decode(encode(p)) != p for " + p);
            }
        }

        @Override public List<byte[]> seeds(java.nio.file.Path root) {
            byte[] ib = Captures.ib();
            byte[] rc = IbPacket.builder().vl(2).sl(3).dlid(7).slid(1).opcode(0x04).pkey(0xFFFF).destQp(9).psn(5)
                    .payload(new byte[13]).build().encode();
            return new ArrayList<>(List.of(seed(0, ib), seed(3, ib), seed(0, rc), seed(3, rc)));
        }
    };

    /** LNH 2 and a PktLen matching the image's length, when the image is long enough to have them. */
    static void fitLrh(byte[] w) {
        if (w.length < IbPacket.LRH_BYTES) return;
        w[1] = (byte) ((w[1] & ~3) | IbPacket.LNH_IBA_LOCAL);
        int words = Math.min((w.length - IbPacket.VCRC_BYTES) / 4, IbPacket.MAX_PKT_LEN_WORDS);
        w[4] = (byte) ((w[4] & 0xF8) | (words >>> 8));
        w[5] = (byte) words;
    }

    /** The right ICRC and VCRC, when the image has room for them. */
    static void fixCrcs(byte[] w) {
        int icrcOff = w.length - IbPacket.VCRC_BYTES - IbPacket.ICRC_BYTES;
        if (icrcOff < IbPacket.RESV8A_OFFSET + 1) return;
        putLe(w, icrcOff, IbPacket.computeIcrc(w, icrcOff), 4);
        putLe(w, w.length - IbPacket.VCRC_BYTES, IbPacket.computeVcrc(w), 2);
    }

    private static void putLe(byte[] w, int o, int v, int n) {
        for (int i = 0; i < n; i++) w[o + i] = (byte) (v >>> (8 * i));
    }

    // ---------------------------------------------------------------- Ethernet

    static final FuzzTarget ETHERNET = new CodecTarget("ethernet",
            "an Ethernet/802.1Q frame (EthernetFrame.check never throws; decodeWithFcs, decode, vlan, dst, isGroup; a "
                    + "decoded frame encodes to the same bytes); mode bit 0: the FCS made right; bit 1: the bytes as MAC "
                    + "text (EthernetFrame.mac: IllegalArgumentException quoting the text, an accepted MAC printing back "
                    + "as it was read): FrameException naming the field and offset") {
        @Override void decode(int mode, byte[] b) {
            if ((mode & 2) != 0) {
                macText(new String(b, StandardCharsets.ISO_8859_1));
                return;
            }
            byte[] w = (mode & 1) != 0 ? EthernetFrame.appendFcs(b) : b;
            EthernetFrame.check(w, EthernetFrame.MAX_TAGGED_BYTES_WITH_FCS);
            try {
                EthernetFrame f = EthernetFrame.decodeWithFcs(w);
                Expect.check(Arrays.equals(f.encodeWithFcs(), w), "encodeWithFcs(decodeWithFcs(w)) != w for " + f);
            } catch (FrameException e) {
                Expect.namesField(e, w.length);
            }
            try {
                EthernetFrame f = EthernetFrame.decode(w);
                Expect.check(Arrays.equals(f.encode(), w), "encode(decode(w)) != w for " + f);
                Expect.check(f.vlan() == EthernetFrame.vlan(w), "vlan(w) is not the decoded frame's VLAN");
                Expect.check(f.dst() == EthernetFrame.dst(w) && f.isGroup() == EthernetFrame.isGroup(w), "dst(w) differs from decode");
            } catch (FrameException e) {
                Expect.namesField(e, w.length);
            }
            try {
                EthernetFrame.vlan(w);
            } catch (FrameException e) {
                Expect.namesField(e, w.length);
            }
        }

        @Override public List<byte[]> seeds(java.nio.file.Path root) {
            byte[] plain = Captures.ethernet();
            byte[] tagged = new EthernetFrame(0x0180C2000000L, 0x020000000001L, new EthernetFrame.Tag(3, true, 100), 0x86DD,
                    new byte[50]).encode();
            return new ArrayList<>(List.of(seed(1, plain), seed(1, tagged), seed(0, EthernetFrame.appendFcs(plain)),
                    seed(2, "02:00:5e:10:00:01".getBytes(StandardCharsets.ISO_8859_1)),
                    seed(2, "02-00-5E-10-00-01".getBytes(StandardCharsets.ISO_8859_1))));
        }
    };

    private static void macText(String text) {
        long mac;
        try {
            mac = EthernetFrame.mac(text);
        } catch (IllegalArgumentException e) {
            if (e.getClass() != IllegalArgumentException.class)
                throw new FuzzFinding("a " + e.getClass().getName() + " where EthernetFrame.mac throws IllegalArgumentException", e);
            if (e.getMessage() == null || !e.getMessage().contains("'" + text + "'"))
                throw new FuzzFinding("the message does not quote the MAC text '" + text + "': " + e.getMessage(), e);
            return;
        }
        Expect.check(mac >= 0 && mac <= EthernetFrame.MAX_MAC, "MAC '" + text + "' read as " + mac + ", not 48 bits");
        Expect.check(EthernetFrame.macString(mac).equalsIgnoreCase(text.replace('-', ':')),
                "MAC '" + text + "' read as " + EthernetFrame.macString(mac));
    }

    // ---------------------------------------------------------------- EoIB

    static final FuzzTarget EOIB = new CodecTarget("eoib",
            "an EoIB packet (Eoib.decapsulate; the frame taken out goes back in and out unchanged); mode bit 0: the bytes "
                    + "as the payload of a right UD SEND (EoIB header and frame): FrameException naming the field and offset") {
        @Override void decode(int mode, byte[] b) {
            byte[] w = (mode & 1) != 0 ? ROUTE.packet(Arrays.copyOf(b, Math.min(b.length, MAX_UD_PAYLOAD))).encode() : b;
            byte[] frame;
            try {
                frame = Eoib.decapsulate(w);
            } catch (FrameException e) {
                Expect.namesField(e, w.length);
                return;
            }
            Expect.check(Arrays.equals(Eoib.decapsulate(Eoib.encapsulate(frame, ROUTE)), frame), "the frame does not go back in and out unchanged");
        }

        @Override public List<byte[]> seeds(java.nio.file.Path root) {
            byte[] frame = Captures.ethernet();
            byte[] payload = new byte[Eoib.HEADER_BYTES + frame.length];
            System.arraycopy(Eoib.Header.PLAIN.encode(), 0, payload, 0, Eoib.HEADER_BYTES);
            System.arraycopy(frame, 0, payload, Eoib.HEADER_BYTES, frame.length);
            return new ArrayList<>(List.of(seed(0, Eoib.encapsulate(frame, ROUTE)), seed(1, payload)));
        }
    };

    // ---------------------------------------------------------------- FC

    static final FuzzTarget FC = new CodecTarget("fc",
            "an FC port frame with SOF and EOF codes (FcFrame.parsePort; a parsed frame gives the same bytes back); mode "
                    + "bit 0: the FC CRC made right, bit 1: SOFi3 and EOFt codes: FrameException naming the field and offset") {
        @Override void decode(int mode, byte[] w) {
            if ((mode & 2) != 0 && w.length >= 2) {
                w[0] = (byte) FcSof.SOFI3.code;
                w[w.length - 1] = (byte) FcEof.EOFT.code;
            }
            if ((mode & 1) != 0 && w.length >= 2 + FcFrame.CRC_BYTES) fixFcCrc(w, 1, w.length - 1 - FcFrame.CRC_BYTES);
            FcFrame.Delimited d;
            try {
                d = FcFrame.parsePort(w);
            } catch (FrameException e) {
                Expect.namesField(e, w.length);
                return;
            }
            Expect.check(Arrays.equals(d.frame().portBytes(d.sof(), d.eof()), w), "portBytes(parsePort(w)) != w for " + d.frame());
        }

        @Override public List<byte[]> seeds(java.nio.file.Path root) {
            byte[] port = portOf(Captures.fc());
            return new ArrayList<>(List.of(seed(0, port), seed(3, port)));
        }
    };

    /** The FC CRC (CRC-32, little-endian) of {@code b[off, off+len)} written after it. */
    static void fixFcCrc(byte[] b, int off, int len) {
        putLe(b, off + len, Crc32.compute(b, off, len), 4);
    }

    // ---------------------------------------------------------------- FCoIB

    static final FuzzTarget FCOIB = new CodecTarget("fcoib",
            "an FCoIB packet (Fcoib.decapsulate; the frame taken out goes back in and out unchanged); mode bit 0: the "
                    + "bytes as the payload of a right UD SEND, bit 1: the FC CRC in that payload made right: FrameException "
                    + "naming the field and offset") {
        @Override void decode(int mode, byte[] b) {
            byte[] w = b;
            if ((mode & 1) != 0) {
                byte[] p = Arrays.copyOf(b, Math.min(b.length, MAX_UD_PAYLOAD));
                int crcAt = p.length - Fcoib.TRAILER_BYTES;
                if ((mode & 2) != 0 && crcAt >= Fcoib.HEADER_BYTES) fixFcCrc(p, Fcoib.HEADER_BYTES, crcAt - Fcoib.HEADER_BYTES);
                w = ROUTE.packet(p).encode();
            }
            FcFrame.Delimited d;
            try {
                d = Fcoib.decapsulate(w);
            } catch (FrameException e) {
                Expect.namesField(e, w.length);
                return;
            }
            Expect.check(Fcoib.decapsulate(Fcoib.encapsulate(d.sof(), d.frame(), d.eof(), ROUTE)).equals(d),
                    "the frame does not go back in and out unchanged: " + d);
        }

        @Override public List<byte[]> seeds(java.nio.file.Path root) {
            byte[] fc = Captures.fc();
            FcFrame.Delimited d = FcFrame.parsePort(portOf(fc));
            byte[] payload = Fcoib.payload(d.sof(), d.frame(), d.eof());
            return new ArrayList<>(List.of(seed(0, Fcoib.encapsulate(d.sof(), d.frame(), d.eof(), ROUTE)), seed(1, payload),
                    seed(3, payload)));
        }
    };

    /** A link type 225 record (ordered sets) as an FC port's bytes (codes). */
    private static byte[] portOf(byte[] orderedSets) {
        byte[] port = new byte[orderedSets.length - 6];
        port[0] = (byte) FcSof.SOFI3.code;
        System.arraycopy(orderedSets, 4, port, 1, orderedSets.length - 8);
        port[port.length - 1] = (byte) FcEof.EOFT.code;
        return port;
    }

    // ---------------------------------------------------------------- IPv4/IPv6 UDP

    static final FuzzTarget IP_UDP = new CodecTarget("ip-udp",
            "the IPv4/IPv6 UDP packet builder (IpPacket.udp with fuzzed size, addresses and ports; mode bit 0: arguments "
                    + "in range; a built packet has the size asked, its lengths and both checksums right): "
                    + "IllegalArgumentException naming the argument") {
        @Override void decode(int mode, byte[] b) {
            ByteBuffer in = ByteBuffer.wrap(Arrays.copyOf(b, 128));
            boolean ipv6 = (in.get() & 1) != 0;
            boolean inRange = (mode & 1) != 0;
            int bytes = inRange ? IpPacket.minBytes(ipv6) + (in.getShort() & 0xFFFF) % 3000 : in.getInt();
            int srcLen = inRange ? (ipv6 ? 16 : 4) : in.get() & 0x1F;
            int dstLen = inRange ? (ipv6 ? 16 : 4) : in.get() & 0x1F;
            int sport = inRange ? in.getShort() & 0xFFFF : in.getInt();
            int dport = inRange ? in.getShort() & 0xFFFF : in.getInt();
            byte[] src = new byte[srcLen], dst = new byte[dstLen];
            in.get(src);
            in.get(dst);
            long seed = in.getLong();
            byte[] p;
            try {
                p = IpPacket.udp(new SplittableRandom(seed), bytes, ipv6, src, dst, sport, dport);
            } catch (IllegalArgumentException e) {
                Expect.namesArgument(e, "bytes", "src", "dst", "sport", "dport");
                return;
            }
            checkUdp(p, bytes, ipv6, src, dst, sport, dport);
        }

        @Override public List<byte[]> seeds(java.nio.file.Path root) {
            return new ArrayList<>(List.of(seed(1, new byte[] {0, 0, 100, 10, 0, 0, 1, 10, 0, 0, 2, (byte) 0xC0, 0, (byte) 0xC0, 1}),
                    seed(1, new byte[] {1, 1, 0}), seed(0, new byte[] {0, 0, 0, 0, 40, 4, 4})));
        }
    };

    /** The packet's size, version, lengths, addresses, ports and checksums are what they should be. */
    static void checkUdp(byte[] p, int bytes, boolean ipv6, byte[] src, byte[] dst, int sport, int dport) {
        Expect.check(p.length == bytes, "a packet of " + p.length + " bytes, " + bytes + " asked");
        int ip = ipv6 ? IpPacket.IPV6_HEADER_BYTES : IpPacket.IPV4_HEADER_BYTES;
        int udpLength = bytes - ip;
        int addrAt = ipv6 ? 8 : 12, addrBytes = ipv6 ? 16 : 4;
        Expect.check((p[0] & 0xF0) >>> 4 == (ipv6 ? 6 : 4), "version nibble " + ((p[0] & 0xF0) >>> 4));
        Expect.check(Arrays.equals(Arrays.copyOfRange(p, addrAt, addrAt + addrBytes), src)
                && Arrays.equals(Arrays.copyOfRange(p, addrAt + addrBytes, addrAt + 2 * addrBytes), dst), "addresses differ");
        if (ipv6) {
            Expect.check(be16(p, 4) == udpLength && (p[6] & 0xFF) == IpPacket.PROTOCOL_UDP, "IPv6 payload length or next header wrong");
        } else {
            Expect.check(be16(p, 2) == bytes && (p[9] & 0xFF) == IpPacket.PROTOCOL_UDP, "IPv4 total length or protocol wrong");
            Expect.check(onesSum(p, 0, IpPacket.IPV4_HEADER_BYTES, 0) == 0xFFFF, "IPv4 header checksum wrong");
        }
        Expect.check(be16(p, ip) == sport && be16(p, ip + 2) == dport && be16(p, ip + 4) == udpLength, "UDP ports or length wrong");
        int pseudo = onesSum(p, addrAt, 2 * addrBytes, 0) + (udpLength >>> 16) + (udpLength & 0xFFFF) + IpPacket.PROTOCOL_UDP;
        Expect.check(be16(p, ip + 6) != 0 && onesSum(p, ip, udpLength, pseudo) == 0xFFFF, "UDP checksum wrong");
    }

    private static int be16(byte[] b, int o) {
        return ((b[o] & 0xFF) << 8) | (b[o + 1] & 0xFF);
    }

    /** RFC 1071's one's-complement sum of 16-bit big-endian words (odd last byte padded), folded. */
    private static int onesSum(byte[] b, int off, int len, long initial) {
        long s = initial;
        for (int i = 0; i < len; i += 2) s += ((b[off + i] & 0xFF) << 8) | (i + 1 < len ? b[off + i + 1] & 0xFF : 0);
        while ((s >>> 16) != 0) s = (s & 0xFFFF) + (s >>> 16);
        return (int) s;
    }
}
