package director.tb.frame;

/**
 * The addressing of an InfiniBand UD SEND that the director's gateway builds around an EoIB
 * or FCoIB payload (docs/gateway.md, "LAN -&gt; server"):
 *
 * <ul>
 *   <li>LRH: VL, LVer 0, SL, LNH 2, DLID, PktLen (computed), SLID;</li>
 *   <li>BTH: opcode 0x64 (UD SEND only), SE/M/TVer 0, PadCnt (computed),
 *       P_Key {@link #PKEY} 0xFFFF, Resv8a 0, DestQP, A 0, PSN 0;</li>
 *   <li>DETH: Q_Key {@link #QKEY} 0x00000B1B, SrcQP.</li>
 * </ul>
 *
 * @param vl LRH.VL, 0..15 (the gateway uses SL mod dataVls)
 * @param sl LRH.SL, 0..15
 * @param dlid LRH.DLID
 * @param slid LRH.SLID (the gateway uses GW_LID)
 * @param destQp BTH.DestQP, 24 bits
 * @param srcQp DETH.SrcQP, 24 bits
 */
public record UdRoute(int vl, int sl, int dlid, int slid, int destQp, int srcQp) {
    /** P_Key of every packet the director builds (docs/gateway.md). */
    public static final int PKEY = 0xFFFF;
    /** Q_Key of every packet the director builds (docs/gateway.md). */
    public static final long QKEY = 0x00000B1BL;

    /** @throws IllegalArgumentException naming the field when out of range */
    public UdRoute {
        IbPacket.requireRange("vl", vl, 0xF);
        IbPacket.requireRange("sl", sl, 0xF);
        IbPacket.requireRange("dlid", dlid, 0xFFFF);
        IbPacket.requireRange("slid", slid, 0xFFFF);
        IbPacket.requireRange("destQp", destQp, 0xFFFFFF);
        IbPacket.requireRange("srcQp", srcQp, 0xFFFFFF);
    }

    /** The UD SEND-only packet carrying {@code payload} with this addressing. */
    public IbPacket packet(byte[] payload) {
        return IbPacket.builder().vl(vl).sl(sl).dlid(dlid).slid(slid)
                .opcode(IbPacket.OPCODE_UD_SEND_ONLY).pkey(PKEY).destQp(destQp)
                .qkey(QKEY).srcQp(srcQp).payload(payload).build();
    }
}
