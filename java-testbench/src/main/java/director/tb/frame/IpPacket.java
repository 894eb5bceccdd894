package director.tb.frame;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Well-formed IPv4/UDP and IPv6/UDP packets of an exact length, for the payload of generated Ethernet frames: the
 * bytes after the EtherType are a packet Wireshark decodes without complaint (good IP header checksum, good UDP
 * checksum, lengths that match), not random bytes posing as IPv4.
 *
 * <pre>
 * IPv4 (RFC 791): ver 4 | IHL 5 | DSCP/ECN 0 | total length | identification | flags DF, offset 0 | TTL 64 | protocol 17 |
 *                 header checksum | source | destination                                                        20 bytes
 * IPv6 (RFC 8200): ver 6 | traffic class 0 | flow label 0 | payload length | next header 17 | hop limit 64 |
 *                  source | destination                                                                           40 bytes
 * UDP (RFC 768):  source port | destination port | length | checksum                                             8 bytes
 * payload:        random bytes, filling the packet to the length asked for
 * </pre>
 *
 * <p>Checksums are the Internet checksum (RFC 1071: one's complement of the one's-complement sum of 16-bit big-endian
 * words, an odd last byte padded with zero). The UDP checksum covers the pseudo-header (IPv4: source, destination,
 * zero, protocol, UDP length; IPv6: source, destination, 32-bit UDP length, three zeros, next header), the UDP header
 * and the payload; a computed 0 is sent as 0xFFFF (RFC 768; over IPv6 the checksum is mandatory, RFC 8200 8.1).
 *
 * <p>Random fields come from the caller's stream: addresses in 10.0.0.0/8 (IPv4) or fd00::/8 (IPv6, unique local),
 * ports 49152..65535, the IPv4 identification; the same stream state gives the same packet.
 *
 * <p>In Wireshark (4.0) the IP and UDP layers decode clean, checksums good when verified ({@code -o
 * ip.check_checksum:TRUE -o udp.check_checksum:TRUE}); about one random payload in a thousand is taken by one of the
 * UDP heuristics (RTCP, Thrift, R-GOOSE, ...) and then reported as malformed in that protocol: {@code -d
 * udp.port==49152-65535,data} shows every payload as plain data (IpPacketTest).
 */
public final class IpPacket {
    /** IPv4 header without options. */
    public static final int IPV4_HEADER_BYTES = 20;
    /** IPv6 fixed header. */
    public static final int IPV6_HEADER_BYTES = 40;
    /** UDP header. */
    public static final int UDP_HEADER_BYTES = 8;
    /** Smallest IPv4/UDP packet (no UDP payload). */
    public static final int MIN_IPV4_UDP_BYTES = IPV4_HEADER_BYTES + UDP_HEADER_BYTES;
    /** Smallest IPv6/UDP packet (no UDP payload). */
    public static final int MIN_IPV6_UDP_BYTES = IPV6_HEADER_BYTES + UDP_HEADER_BYTES;
    /** Largest packet: the IPv4 total length and the UDP length are 16-bit fields. */
    public static final int MAX_BYTES = 0xFFFF;
    /** EtherTypes of IPv4 and IPv6. */
    public static final int ETHERTYPE_IPV4 = 0x0800, ETHERTYPE_IPV6 = 0x86DD;
    /** IP protocol number / next header of UDP. */
    public static final int PROTOCOL_UDP = 17;
    /** TTL (IPv4) and hop limit (IPv6) of every packet. */
    public static final int TTL = 64;
    /**
     * Random ports are drawn from the dynamic range 49152..65535 (RFC 6335: never assigned to a service), so that
     * hardly any decoder takes the random payload for its protocol.
     */
    public static final int MIN_PORT = 49152;

    private IpPacket() {
    }

    /** The EtherType that announces the packet: 0x86DD for IPv6, 0x0800 for IPv4. */
    public static int etherType(boolean ipv6) {
        return ipv6 ? ETHERTYPE_IPV6 : ETHERTYPE_IPV4;
    }

    /** Smallest packet of the version: {@link #MIN_IPV6_UDP_BYTES} or {@link #MIN_IPV4_UDP_BYTES}. */
    public static int minBytes(boolean ipv6) {
        return ipv6 ? MIN_IPV6_UDP_BYTES : MIN_IPV4_UDP_BYTES;
    }

    /**
     * A UDP packet of exactly {@code bytes} bytes between random addresses (10.x.x.x or fd00::/8) and random ports
     * ({@link #MIN_PORT} and up), random payload. Draws from {@code r}: source, destination, source port,
     * destination port, then as {@link #udp(SplittableRandom, int, boolean, byte[], byte[], int, int)}.
     *
     * @throws IllegalArgumentException when {@code bytes} is below {@link #minBytes} or above {@link #MAX_BYTES}
     */
    public static byte[] udp(SplittableRandom r, int bytes, boolean ipv6) {
        requireSize(bytes, ipv6);
        byte[] src = randomAddress(r, ipv6);
        byte[] dst = randomAddress(r, ipv6);
        int sport = MIN_PORT + r.nextInt(0x10000 - MIN_PORT);
        int dport = MIN_PORT + r.nextInt(0x10000 - MIN_PORT);
        return udp(r, bytes, ipv6, src, dst, sport, dport);
    }

    /**
     * A UDP packet of exactly {@code bytes} bytes with the given addresses and ports; the IPv4 identification (drawn
     * first) and the payload come from {@code r}.
     *
     * @param src source address: 4 bytes for IPv4, 16 for IPv6 (network order)
     * @param dst destination address, as src
     * @param sport source port 0..65535
     * @param dport destination port 0..65535
     * @throws IllegalArgumentException naming the argument when a size, an address length or a port is wrong
     */
    public static byte[] udp(SplittableRandom r, int bytes, boolean ipv6, byte[] src, byte[] dst, int sport, int dport) {
        Objects.requireNonNull(r, "r");
        requireSize(bytes, ipv6);
        int addrBytes = ipv6 ? 16 : 4;
        requireAddress("src", src, addrBytes, ipv6);
        requireAddress("dst", dst, addrBytes, ipv6);
        IbPacket.requireRange("sport", sport, 0xFFFF);
        IbPacket.requireRange("dport", dport, 0xFFFF);
        byte[] p = new byte[bytes];
        int ipHeader = ipv6 ? IPV6_HEADER_BYTES : IPV4_HEADER_BYTES;
        int udpLength = bytes - ipHeader;
        if (ipv6) {
            p[0] = 0x60;                                     // version 6, traffic class 0, flow label 0
            put16(p, 4, udpLength);                          // payload length: everything after the fixed header
            p[6] = PROTOCOL_UDP;
            p[7] = TTL;
            System.arraycopy(src, 0, p, 8, 16);
            System.arraycopy(dst, 0, p, 24, 16);
        } else {
            p[0] = 0x45;                                     // version 4, IHL 5
            put16(p, 2, bytes);                              // total length
            put16(p, 4, r.nextInt(0x10000));                 // identification
            p[6] = 0x40;                                     // flags: DF; fragment offset 0
            p[8] = TTL;
            p[9] = PROTOCOL_UDP;
            System.arraycopy(src, 0, p, 12, 4);
            System.arraycopy(dst, 0, p, 16, 4);
            put16(p, 10, ~sum(p, 0, IPV4_HEADER_BYTES, 0) & 0xFFFF);
        }
        int u = ipHeader;
        put16(p, u, sport);
        put16(p, u + 2, dport);
        put16(p, u + 4, udpLength);
        byte[] payload = new byte[udpLength - UDP_HEADER_BYTES];
        r.nextBytes(payload);
        System.arraycopy(payload, 0, p, u + UDP_HEADER_BYTES, payload.length);
        // pseudo-header: the addresses (contiguous in both headers), the length and the protocol
        int addrAt = ipv6 ? 8 : 12;
        int pseudo = sum(p, addrAt, 2 * addrBytes, 0) + (udpLength >>> 16) + (udpLength & 0xFFFF) + PROTOCOL_UDP;
        int c = ~sum(p, u, udpLength, pseudo) & 0xFFFF;
        put16(p, u + 6, c == 0 ? 0xFFFF : c);
        return p;
    }

    /** A random address: 10.x.x.x, or fd followed by 15 random bytes (fd00::/8). */
    private static byte[] randomAddress(SplittableRandom r, boolean ipv6) {
        byte[] a = new byte[ipv6 ? 16 : 4];
        r.nextBytes(a);
        a[0] = (byte) (ipv6 ? 0xFD : 10);
        return a;
    }

    private static void requireSize(int bytes, boolean ipv6) {
        if (bytes < minBytes(ipv6) || bytes > MAX_BYTES)
            throw new IllegalArgumentException("bytes: " + bytes + " not in " + minBytes(ipv6) + ".." + MAX_BYTES
                    + " for an " + (ipv6 ? "IPv6" : "IPv4") + "/UDP packet");
    }

    private static void requireAddress(String name, byte[] a, int len, boolean ipv6) {
        Objects.requireNonNull(a, name);
        if (a.length != len)
            throw new IllegalArgumentException(name + ": " + a.length + " bytes, an " + (ipv6 ? "IPv6" : "IPv4")
                    + " address has " + len);
    }

    /**
     * The one's-complement sum (RFC 1071) of {@code len} bytes from {@code off} as big-endian 16-bit words (an odd
     * last byte is the high byte of a word), added to {@code initial}, folded to 16 bits.
     */
    private static int sum(byte[] b, int off, int len, int initial) {
        long s = initial;
        int i = off, end = off + len;
        for (; i + 1 < end; i += 2) s += ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
        if (i < end) s += (b[i] & 0xFF) << 8;
        while ((s >>> 16) != 0) s = (s & 0xFFFF) + (s >>> 16);
        return (int) s;
    }

    private static void put16(byte[] b, int o, int v) {
        b[o] = (byte) (v >>> 8);
        b[o + 1] = (byte) v;
    }
}
