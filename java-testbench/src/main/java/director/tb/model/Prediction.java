package director.tb.model;

/** What the golden model says becomes of one injected packet: it leaves {@code outPort} as {@code bytes}, or is dropped. */
public record Prediction(int outPort, byte[] bytes, DropReason drop) {
    public static Prediction forward(int port, byte[] bytes) { return new Prediction(port, bytes, null); }
    public static Prediction dropped(DropReason r) { return new Prediction(-1, null, r); }
    public boolean isDrop() { return drop != null; }
}
