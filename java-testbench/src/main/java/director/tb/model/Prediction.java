package director.tb.model;

/**
 * What the golden model says becomes of one injected packet: it leaves {@code outPort} on egress VL {@code vl}
 * as {@code bytes} (LRH.VL already rewritten to {@code vl}; an Ethernet frame with its FCS at a 10GbE port), or is
 * dropped ({@code outPort} and {@code vl} -1). {@code flowSl} is the SL of the InfiniBand packet that carried it
 * through the switch: packets of one (input, output, SL) keep their order.
 */
public record Prediction(int outPort, int vl, byte[] bytes, DropReason drop, int flowSl) {
    public static Prediction forward(int port, int vl, byte[] bytes) {
        return new Prediction(port, vl, bytes, null, bytes.length >= 2 ? (bytes[1] >> 4) & 0xf : 0);
    }
    public static Prediction forward(int port, int vl, byte[] bytes, int flowSl) { return new Prediction(port, vl, bytes, null, flowSl); }
    public static Prediction dropped(DropReason r) { return new Prediction(-1, -1, null, r, -1); }
    public boolean isDrop() { return drop != null; }
}
