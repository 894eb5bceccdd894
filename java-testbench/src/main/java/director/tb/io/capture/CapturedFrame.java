package director.tb.io.capture;

import java.nio.file.Path;

/**
 * One frame of a capture file as read, before it is placed at a port.
 *
 * @param file           the capture file
 * @param frame          its number in the file, from 1, as Wireshark numbers frames
 * @param where          where it is, for messages: {@code frame 3}, {@code block 7 at byte offset 912 (frame 3)},
 *                       {@code frame 3 (record #4)}
 * @param timeNs         its timestamp in nanoseconds, absolute (since 1970 in a real capture)
 * @param linkType       LINKTYPE_ value (an ERF InfiniBand record counts as {@link #INFINIBAND})
 * @param fcsBytes       0, or 4 when the frame ends with its Ethernet FCS
 * @param originalLength its length on the wire
 * @param data           the captured bytes
 */
record CapturedFrame(Path file, long frame, String where, long timeNs, int linkType, int fcsBytes, long originalLength,
                     byte[] data) {
    /** The link types the director's ports carry. */
    static final int ETHERNET = 1, FC_2_WITH_FRAME_DELIMS = 225, INFINIBAND = 247;

    /** {@code file#frame}: the {@link director.tb.stim.trace.TraceFrame#origin()} of what it becomes. */
    String origin() {
        return file + "#" + frame;
    }
}
