package director.tb.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Text files given as input (traces, MAC maps, tables, CDFs, plans): UTF-8, a leading byte-order mark dropped. Bytes
 * that are not UTF-8 are an {@link InputError} naming the file, the line and the byte offset, not a
 * {@code MalformedInputException} ("Input length = 1") that names nothing.
 */
public final class TextFiles {
    private TextFiles() {}

    /**
     * The text of {@code file}.
     *
     * @throws InputError  naming the file, line and byte offset of the first byte sequence that is not UTF-8
     * @throws IOException when the file cannot be read
     */
    public static String readUtf8(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(b);
        CharBuffer out = CharBuffer.allocate(b.length);  // UTF-8 never makes more chars than bytes
        CoderResult r = d.decode(in, out, true);
        if (!r.isError()) r = d.flush(out);
        if (r.isError()) {
            int at = in.position();
            long line = 1;
            for (int i = 0; i < at; i++) if (b[i] == '\n') line++;
            StringBuilder bytes = new StringBuilder();
            for (int i = at; i < Math.min(b.length, at + r.length()); i++) bytes.append(String.format(" %02X", b[i] & 0xFF));
            throw new InputError(file.toString(), "line " + line + ", byte offset " + at, null,
                    "not UTF-8 text (bytes" + bytes + "): the file must be UTF-8");
        }
        String s = out.flip().toString();
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }
}
