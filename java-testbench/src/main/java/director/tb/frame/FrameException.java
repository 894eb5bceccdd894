package director.tb.frame;

/**
 * A malformed frame (InfiniBand, Ethernet, EoIB, FC, FCoIB): names the offending field (for example {@code "ICRC"},
 * {@code "LRH.PktLen"}) and the byte offset in the wire image where it was detected.
 */
public class FrameException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final int offset;

    /**
     * @param field  name of the offending field, e.g. "VCRC", "LRH.PktLen", "length"
     * @param offset byte offset of that field in the wire image
     * @param detail human-readable explanation
     */
    public FrameException(String field, int offset, String detail) {
        super(field + " @" + offset + ": " + detail);
        this.field = field;
        this.offset = offset;
    }

    /** Name of the offending field. */
    public String field() {
        return field;
    }

    /** Byte offset of the offending field in the wire image. */
    public int offset() {
        return offset;
    }
}
