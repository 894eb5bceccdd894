package director.tb.model.gateway;

/**
 * The vHBA shapers (docs/gateway.md, "QoS: the vHBA shaper") cycle by cycle, in the RTL's integer arithmetic
 * (qos/TokenShaper.scala): per flow a committed bucket (CBS bytes, filled at CIR) and a peak bucket (PBS bytes,
 * filled at PIR; none when PIR is 0), tokens of 2^-24 bytes, (kbps mod 2^24) x M >> 16 a cycle with
 * M = round(125 x 2^40 / (coreMHz x 10^6)), capped at the burst. A flow may send while neither bucket is in
 * debt (CIR 0: always); the bytes of a packet sent in a cycle are taken at that cycle's end, from both buckets; in
 * the cycle after a write of a flow's settings its buckets are filled to the (new) bursts before the bytes of that
 * cycle are taken. Settings are the CSR registers: CIR and PIR 32 bits, CBS and PBS 24 bits.
 */
public final class ShaperBank {
    private static final int FRAC = 24;
    /** The RTL's buckets are 50-bit signed registers. */
    private static final int WIDTH = 50;
    private final long m;
    private final long[][] words;
    private final long[] committed, peak;
    private int refill = -1;

    public ShaperBank(int flows, int coreMHz) {
        this.m = PolicerBank.multiplier(coreMHz);
        words = new long[flows][4];
        committed = new long[flows];
        peak = new long[flows];
    }

    public int flows() { return words.length; }

    /** Flow {@code f} may send in this cycle. */
    public boolean eligible(int f) {
        long[] w = words[f];
        return w[0] == 0 || (committed[f] >= 0 && (w[1] == 0 || peak[f] >= 0));
    }

    /** The committed and peak buckets of flow {@code f} in this cycle, in 2^-24 bytes. */
    public long committed(int f) { return committed[f]; }
    public long peak(int f) { return peak[f]; }

    /**
     * The end of a cycle: the settings word written in it ({@code flow} -1 for none) and the packets sent in it
     * ({@code takeFlow[k]} -1 for none, with {@code takeBytes[k]} bytes).
     */
    public void clock(int flow, int word, long data, int[] takeFlow, int[] takeBytes) {
        for (int f = 0; f < flows(); f++) {
            long debit = 0;
            for (int k = 0; k < takeFlow.length; k++)
                if (takeFlow[k] == f) debit += (long) (takeBytes[k] & 0x3FFF) << FRAC;
            long[] w = words[f];
            boolean full = refill == f;
            committed[f] = tick(committed[f], w[0], w[2], debit, full);
            peak[f] = tick(peak[f], w[1], w[3], debit, full);
        }
        if (flow >= 0) words[flow][word] = data & (word < 2 ? 0xFFFF_FFFFL : 0xFF_FFFFL);
        refill = flow;
    }

    /** The end of a cycle without a settings write. */
    public void clock(int[] takeFlow, int[] takeBytes) { clock(-1, 0, 0, takeFlow, takeBytes); }

    private long tick(long tokens, long kbps, long burst, long debit, boolean full) {
        long cap = (burst & 0xFF_FFFFL) << FRAC;
        long inc = (((kbps & 0xFF_FFFFL) * m) >>> 16) & ((1L << 28) - 1);
        long up = tokens + inc;
        long next = (full || up > cap ? cap : up) - debit;
        return next << (64 - WIDTH) >> (64 - WIDTH);
    }
}
