package director.tb.io;

import java.math.BigInteger;

/**
 * pcapng timestamps to nanoseconds. A timestamp counts units of the interface's {@code if_tsresol}: bit 7 clear,
 * 10<sup>-n</sup> s; bit 7 set, 2<sup>-n</sup> s (n = bits 6:0). The result is rounded to the nearest nanosecond,
 * halves up, then {@code if_tsoffset} seconds are added.
 */
final class PcapngTime {
    private static final BigInteger NS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);

    private PcapngTime() {
    }

    /**
     * @param units    the 64-bit timestamp, unsigned
     * @param tsresol  the {@code if_tsresol} byte
     * @param offsetS  {@code if_tsoffset}
     * @throws ArithmeticException when the result does not fit a {@code long} (after the year 2262)
     */
    static long nanoseconds(long units, int tsresol, long offsetS) {
        long ns;
        if (tsresol == 6 && units >= 0) {
            ns = Math.multiplyExact(units, 1000L);
        } else if (tsresol == 9 && units >= 0) {
            ns = units;
        } else {
            int n = tsresol & 0x7F;
            BigInteger perSecond = (tsresol & 0x80) != 0 ? BigInteger.ONE.shiftLeft(n) : BigInteger.TEN.pow(n);
            BigInteger[] qr = new BigInteger(Long.toUnsignedString(units)).multiply(NS_PER_SECOND)
                    .divideAndRemainder(perSecond);
            BigInteger q = qr[1].shiftLeft(1).compareTo(perSecond) >= 0 ? qr[0].add(BigInteger.ONE) : qr[0];
            ns = q.longValueExact();
        }
        return Math.addExact(ns, Math.multiplyExact(offsetS, 1_000_000_000L));
    }
}
