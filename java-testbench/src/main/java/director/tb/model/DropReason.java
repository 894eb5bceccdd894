package director.tb.model;

/** Every reason the director may drop a packet; each has a per-port counter. */
public enum DropReason {
    /** The DLID has no valid forwarding-table entry (or is beyond the table). */
    UNKNOWN_DLID("unknown_dlid"),
    /** Longer than maxPacketBytes. */
    OVERSIZE("oversize"),
    /** Shorter than the 8-byte LRH. */
    RUNT("runt");

    public final String key;

    DropReason(String key) { this.key = key; }
}
