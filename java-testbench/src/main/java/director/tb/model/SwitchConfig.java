package director.tb.model;

import director.rtl.params.DirectorParams;

/**
 * The sizes the golden model needs, read from the same validated parameters that generate the RTL, so the two
 * cannot disagree.
 *
 * @param dataVls      data virtual lanes VL0..dataVls-1 (VL15 comes in addition)
 * @param vlArbEntries entries of each VL arbitration table (High and Low) per output port
 */
public record SwitchConfig(String profile, int ports, int beatBytes, int coreMHz, double lineGbps,
                           int maxPacketBytes, int mtuBytes, int lidTableSize, int islipIterations,
                           int dataVls, int vlArbEntries) {

    public static SwitchConfig of(DirectorParams p) {
        return new SwitchConfig(p.name(), p.ports(), p.beatBytes(), p.coreMHz(), p.lineGbps(), p.maxPacketBytes(),
                p.mtuBytes(), p.lidTableSize(), p.islipIterations(), p.dataVls(), p.vlArbEntries());
    }

    /** Line-rate bytes per core cycle. */
    public double lineBytesPerCycle() { return lineGbps * 1000.0 / 8.0 / coreMHz; }

    public double nsPerCycle() { return 1000.0 / coreMHz; }
}
