package director.tb.model;

/**
 * What the golden model says becomes of one injected packet: it leaves {@code outPort} on egress VL {@code vl}
 * as {@code bytes} (LRH.VL already rewritten to {@code vl}), or is dropped ({@code outPort} and {@code vl} -1).
 */
public record Prediction(int outPort, int vl, byte[] bytes, DropReason drop) {
    public static Prediction forward(int port, int vl, byte[] bytes) { return new Prediction(port, vl, bytes, null); }
    public static Prediction dropped(DropReason r) { return new Prediction(-1, -1, null, r); }
    public boolean isDrop() { return drop != null; }
}
