package director.tb.run;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a bench drove, from the stimulus file it wrote for the C++ driver (DIRSTIM1, see bench_driver.cpp): the frames,
 * their bytes and a SHA-256 of the frames section (ports, lengths, cycles, ids and bytes). The register writes of the
 * set-up before them are not part of it: they are each revision's own way to program the same job (an older bench
 * wrote only the routes). Two benches whose fingerprints are equal ran the same traffic; the format is the same in
 * every revision that has the C++ driver, so it also tells whether an older revision's bench ran what this one does.
 */
public record StimulusFingerprint(long frames, long bytes, String sha256) {

    /** Reads a DIRSTIM1 file; an {@link IOException} naming the file when it is not one. */
    public static StimulusFingerprint of(Path file) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long frames, bytes = 0;
        try (InputStream raw = Files.newInputStream(file);
             DigestInputStream digest = new DigestInputStream(new BufferedInputStream(raw, 1 << 20), sha);
             DataInputStream in = new DataInputStream(digest)) {
            digest.on(false);
            byte[] magic = new byte[8];
            in.readFully(magic);
            if (!new String(magic, java.nio.charset.StandardCharsets.US_ASCII).equals("DIRSTIM1"))
                throw new IOException(file + ": not a DIRSTIM1 stimulus file");
            long csrs = le(in);
            if (csrs < 0 || csrs > (1 << 20)) throw new IOException(file + ": bad register count " + csrs);
            in.skipNBytes(csrs * 16);
            digest.on(true);
            frames = le(in);
            if (frames < 0) throw new IOException(file + ": bad frame count " + frames);
            for (long i = 0; i < frames; i++) {
                le(in);                 // port
                long len = le(in);
                le(in);                 // earliest cycle
                le(in);                 // id
                if (len < 0 || len > (1 << 20)) throw new IOException(file + ": frame " + i + ": bad length " + len);
                in.readFully(new byte[(int) len]); // read, not skipped: a skip would bypass the digest
                bytes += len;
            }
            if (in.read() >= 0) throw new IOException(file + ": bytes after the last of its " + frames + " frames");
        } catch (EOFException e) {
            throw new IOException(file + ": truncated DIRSTIM1 stimulus file", e);
        }
        return new StimulusFingerprint(frames, bytes, HexFormat.of().formatHex(sha.digest()));
    }

    private static long le(DataInputStream in) throws IOException {
        return Long.reverseBytes(in.readLong());
    }

    /** For a report: frames, bytes, stimulus_sha256. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("frames", frames);
        m.put("bytes", bytes);
        m.put("stimulus_sha256", sha256);
        return m;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%,d frames, %,d bytes, stimulus sha256 %s", frames, bytes, sha256.substring(0, 16));
    }
}
