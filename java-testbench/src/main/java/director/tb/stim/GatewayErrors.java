package director.tb.stim;

import director.tb.frame.EthernetFrame;
import director.tb.frame.UdRoute;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Frames that fail exactly one gateway check (docs/gateway.md), made from a good one, for the random traffic's
 * {@code --corrupt} share on the gateway's paths. Packets from hosts keep good InfiniBand CRCs, so that the gateway
 * check, not a link check, drops them.
 */
final class GatewayErrors {
    private GatewayErrors() {}

    /** A LAN frame (FCS included) turned bad: FCS, runt, oversize, unknown MAC or a VLAN no vNIC allows. */
    static byte[] lan(byte[] good, SplittableRandom r) {
        switch (r.nextInt(5)) {
            case 0 -> { byte[] b = good.clone(); b[14 + r.nextInt(b.length - 18)] ^= (byte) (1 << r.nextInt(8)); return b; }
            case 1 -> { return EthernetFrame.appendFcs(Arrays.copyOf(good, 20 + r.nextInt(40))); }
            case 2 -> { byte[] f = Arrays.copyOf(good, 1519 + r.nextInt(100)); return EthernetFrame.appendFcs(Arrays.copyOf(f, f.length - 4)); }
            case 3 -> { byte[] f = Arrays.copyOf(good, good.length - 4); f[0] = 0x0E; f[5] = (byte) r.nextInt(); return EthernetFrame.appendFcs(f); }
            default -> { return EthernetFrame.appendFcs(retag(Arrays.copyOf(good, good.length - 4), 7)); }
        }
    }

    /** An FC port frame turned bad: CRC, SOF, EOF, runt, misaligned, oversize or unknown D_ID. */
    static byte[] san(byte[] good, SplittableRandom r) {
        byte[] b = good.clone();
        switch (r.nextInt(7)) {
            case 0 -> b[1 + r.nextInt(b.length - 2)] ^= (byte) (1 << r.nextInt(8));
            case 1 -> b[0] = 0x30;
            case 2 -> b[b.length - 1] = 0x47;
            case 3 -> b = Arrays.copyOf(good, 6 + r.nextInt(24));
            case 4 -> { b = Arrays.copyOf(good, good.length + 2); b[b.length - 1] = good[good.length - 1]; b[b.length - 3] = 0; }
            case 5 -> { b = new byte[2143 + 4 * r.nextInt(10)]; System.arraycopy(good, 0, b, 0, good.length); b[b.length - 1] = good[good.length - 1]; }
            default -> { b[4] ^= 0x55; fixFcCrc(b); }  // D_ID of no vHBA
        }
        return b;
    }

    /** An EoIB payload turned bad (the IB packet around it stays good): header, runt frame, oversize, VLAN; or QP. */
    static byte[] eoib(byte[] payload, UdRoute route, int vnicCount, SplittableRandom r) {
        byte[] p = payload.clone();
        switch (r.nextInt(5)) {
            case 0 -> p[0] = (byte) 0x80;                                        // signature 0b10
            case 1 -> p = Arrays.copyOf(payload, 4 + 20 + r.nextInt(30));        // a frame under 60 bytes
            case 2 -> p = Arrays.copyOf(payload, 4 + 1519 + r.nextInt(60));      // a frame over 1518 bytes
            case 3 -> { byte[] f = retag(Arrays.copyOfRange(payload, 4, payload.length), 7); p = Arrays.copyOf(payload, 4 + f.length); System.arraycopy(f, 0, p, 4, f.length); }
            default -> { return new UdRoute(route.vl(), route.sl(), route.dlid(), route.slid(), director.tb.model.gateway.Vnic.QP_BASE + vnicCount + r.nextInt(16), route.srcQp()).packet(p).encode(); }
        }
        return route.packet(p).encode();
    }

    /** An FCoIB payload turned bad: header, SOF, EOF, FC CRC; or QP. */
    static byte[] fcoib(byte[] payload, UdRoute route, int vhbaCount, SplittableRandom r) {
        byte[] p = payload.clone();
        switch (r.nextInt(5)) {
            case 0 -> p[0] = (byte) 0xC0;                                        // signature 0b11
            case 1 -> p[15] = 0x30;                                              // SOF
            case 2 -> p[p.length - 4] = 0x47;                                    // EOF
            case 3 -> p[16 + r.nextInt(p.length - 24)] ^= (byte) (1 << r.nextInt(8)); // inside the FC frame: its CRC fails
            default -> { return new UdRoute(route.vl(), route.sl(), route.dlid(), route.slid(), director.tb.model.gateway.Vhba.QP_BASE + vhbaCount + r.nextInt(16), route.srcQp()).packet(p).encode(); }
        }
        return route.packet(p).encode();
    }

    /** The frame (no FCS) with its 802.1Q tag set to {@code vid} (a tag added when it had none). */
    private static byte[] retag(byte[] f, int vid) {
        if (((f[12] & 0xff) << 8 | (f[13] & 0xff)) == 0x8100) {
            byte[] b = f.clone();
            b[14] = (byte) ((b[14] & 0xf0) | (vid >> 8));
            b[15] = (byte) vid;
            return b;
        }
        byte[] b = new byte[f.length + 4];
        System.arraycopy(f, 0, b, 0, 12);
        b[12] = (byte) 0x81; b[13] = 0; b[14] = (byte) (vid >> 8); b[15] = (byte) vid;
        System.arraycopy(f, 12, b, 16, f.length - 12);
        return b;
    }

    /** Recomputes an FC port frame's CRC after a header change (it stays a good frame for an unknown D_ID). */
    private static void fixFcCrc(byte[] b) {
        int crc = EthernetFrame.fcs(b, 1, b.length - 6);
        for (int i = 0; i < 4; i++) b[b.length - 5 + i] = (byte) (crc >>> (8 * i));
    }
}
