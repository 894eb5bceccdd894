package director.tb.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A malformed ERF file. The message names the file, the 0-based record index, the byte
 * offset of that record's header and what is wrong, e.g.
 * {@code "/tmp/x.erf: record #3 at byte offset 4160: rlen 12 is smaller than the 16-byte header"}.
 */
public final class ErfFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long recordIndex;
    private final long byteOffset;
    private final String problem;

    public ErfFormatException(Path file, long recordIndex, long byteOffset, String problem) {
        super(file + ": record #" + recordIndex + " at byte offset " + byteOffset + ": " + problem);
        this.file = file;
        this.recordIndex = recordIndex;
        this.byteOffset = byteOffset;
        this.problem = problem;
    }

    /** The file being read. */
    public Path file() {
        return file;
    }

    /** 0-based index of the offending record (pad records are counted too). */
    public long recordIndex() {
        return recordIndex;
    }

    /** Byte offset of the offending record's header in the file. */
    public long byteOffset() {
        return byteOffset;
    }

    /** What is wrong, without the file/index/offset prefix. */
    public String problem() {
        return problem;
    }
}
