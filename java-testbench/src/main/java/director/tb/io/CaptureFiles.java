package director.tb.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/** What the capture readers and writers (ERF, pcap) share: closing a file with an error that names it. */
final class CaptureFiles {
    private CaptureFiles() {}

    /** Closes {@code c}, the stream of {@code kind} file {@code file}; a failure is an IOException naming the file. */
    static void close(Closeable c, String kind, Path file) throws IOException {
        try {
            c.close();
        } catch (IOException e) {
            throw new IOException("closing " + kind + " file " + file + " failed: " + describe(e), e);
        }
    }

    /** An exception as "Type message". */
    static String describe(IOException e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
    }
}
