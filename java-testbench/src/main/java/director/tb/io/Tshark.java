package director.tb.io;

import director.tb.frame.IbPacket;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Checks ERF captures with the real tshark (Wireshark's command-line tool, developed against
 * 4.0.17).
 *
 * <p>tshark is looked up as the {@code TSHARK} environment variable, else {@code tshark} on
 * the {@code PATH}, else {@code /usr/bin/tshark}. Every run gets a fresh, empty
 * {@code WIRESHARK_CONFIG_DIR} (so personal preferences cannot change the outcome: the file
 * is decoded as by a Wireshark with no settings) and is killed after {@link #TIMEOUT}.
 *
 * <p>What tshark 4.0 checks and what it does not (tried): it opens the file as ERF, decodes
 * LRH, BTH and DETH, and raises "Malformed Packet" when a packet ends inside those headers,
 * and an expert error when LRH.LNH = 1 (raw IPv6) is followed by a non-IPv6 header. It does
 * <b>not</b> verify ICRC or VCRC (it only shows them as {@code infiniband.invariant.crc} and
 * {@code infiniband.variant.crc}, reading the bytes big-endian), nor compare LRH.PktLen with
 * the packet length, nor check that a GRH is present for LNH = 3.
 *
 * <p>{@link #fields} runs tshark on any capture it opens (pcap too) and returns chosen fields
 * per frame. What it verifies there (tried, 4.0.17): the Ethernet FCS of a pcap whose link
 * type declares it ({@code PcapWriter}, 0x24000001) only with {@code -o eth.check_fcs:TRUE}
 * ({@code eth.fcs.status} 1 good, 0 bad, 2 not verified); the FC CRC of link type 225
 * ({@code fc.crc.status}) and of FCoIB ({@code fcoib.crc.status}) always, both expecting the
 * CRC little-endian. EoIB and FCoIB are found by the "infiniband.payload" heuristics, which
 * are on by default.
 */
public final class Tshark {
    /** Longest time a single tshark run may take before it is killed. */
    public static final Duration TIMEOUT = Duration.ofSeconds(120);
    /** Expert severity PI_ERROR as printed by {@code -e _ws.expert.severity}. */
    public static final long SEVERITY_ERROR = 0x00800000L;

    /** Protocols registered in tshark 4.0's "infiniband.payload" heuristic table. */
    private static final List<String> PAYLOAD_HEURISTICS_4_0 = List.of("smc", "smb_direct",
            "rpcordma", "nvme-rdma", "lnet", "iser", "ethertype", "infiniband.eoib",
            "infiniband_sdp", "fcoib", "drbd");
    private static final String ROOT_WARNING = "Running as user \"root\"";
    private static final String AGGREGATOR = "\u001F";
    private static final String[] FIELDS = {"frame.number", "frame.protocols", "frame.len",
        "frame.cap_len", "infiniband.lrh.dlid", "infiniband.lrh.slid", "_ws.malformed",
        "_ws.expert.severity", "_ws.expert.message"};

    private static volatile Boolean available;
    private static volatile List<String> payloadHeuristics;

    private Tshark() {
    }

    /** Output of one tshark run. */
    public record Result(int exitCode, boolean timedOut, String stdout, List<String> stderrLines) {
    }

    /** The tshark executable that will be run. */
    public static String executable() {
        String env = System.getenv("TSHARK");
        if (env != null && !env.isBlank()) {
            return env;
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "tshark"))) {
                    return Path.of(dir, "tshark").toString();
                }
            }
        }
        return "/usr/bin/tshark";
    }

    /** True when tshark can be run ({@code tshark --version} succeeds); cached. */
    public static boolean available() {
        Boolean a = available;
        if (a == null) {
            try {
                Result r = run(List.of("--version"), Duration.ofSeconds(30));
                a = !r.timedOut() && r.exitCode() == 0 && r.stdout().contains("TShark");
            } catch (IOException e) {
                a = false;
            }
            available = a;
        }
        return a;
    }

    /**
     * Decodes {@code capture} with tshark and lists every problem found; empty means the file
     * opened as ERF and every packet decoded as InfiniBand, without a malformed packet or an
     * expert error, with the DLID/SLID of the packets in the file (read with
     * {@link ErfReader}). Payload heuristics are off (see
     * {@link #decodeProblems(Path, List, boolean)}).
     */
    public static List<String> decodeProblems(Path capture) throws IOException {
        List<byte[]> expected = new ArrayList<>();
        try {
            for (ErfRecord r : ErfReader.readAll(capture)) {
                expected.add(r.packet());
            }
        } catch (ErfFormatException e) {
            List<String> problems = new ArrayList<>();
            problems.add("ErfReader: " + e.getMessage());
            problems.addAll(decodeProblems(capture, null, false));
            return problems;
        }
        return decodeProblems(capture, expected, false);
    }

    /**
     * Decodes {@code capture} with tshark and lists every problem found:
     * <ul>
     *   <li>tshark missing, timing out, exiting with an error, or printing anything on stderr
     *       (the "Running as user root" warning excepted): all stderr lines are quoted;</li>
     *   <li>a frame whose protocol stack ({@code frame.protocols}) does not start with
     *       {@code erf} or does not contain {@code infiniband};</li>
     *   <li>a frame with {@code _ws.malformed} or an expert item of severity error or
     *       higher;</li>
     *   <li>when {@code expectedPackets} is not null: a different number of frames, or a
     *       frame whose length, DLID ({@code infiniband.lrh.dlid}) or SLID
     *       ({@code infiniband.lrh.slid}) differs from the expected packet's.</li>
     * </ul>
     *
     * @param expectedPackets the packets the file should hold, in order, or null to skip the
     *     comparison
     * @param payloadHeuristics false to disable the protocols of the "infiniband.payload"
     *     heuristic table (EoIB, SDP, iSER, RPC-over-RDMA, ...): with them on, tshark 4.0
     *     mistakes about 8% of random payloads for Mellanox EoIB and some of those end up
     *     "malformed", which says nothing about the capture. true decodes as a default
     *     Wireshark does.
     * @throws IOException when tshark cannot be started
     */
    public static List<String> decodeProblems(Path capture, List<byte[]> expectedPackets,
            boolean payloadHeuristics) throws IOException {
        Objects.requireNonNull(capture, "capture");
        List<String> problems = new ArrayList<>();
        if (!Files.isReadable(capture)) {
            problems.add("capture " + capture + " is not a readable file");
            return problems;
        }
        if (!available()) {
            problems.add("tshark is not available (" + executable() + ")");
            return problems;
        }
        List<String> args = new ArrayList<>(
                List.of("-n", "-r", capture.toAbsolutePath().toString()));
        if (!payloadHeuristics) {
            for (String proto : payloadHeuristicProtocols()) {
                args.add("--disable-protocol");
                args.add(proto);
            }
        }
        args.addAll(List.of("-T", "fields", "-E", "header=n", "-E", "separator=/t",
                "-E", "occurrence=a", "-E", "aggregator=" + AGGREGATOR));
        for (String f : FIELDS) {
            args.add("-e");
            args.add(f);
        }
        Result r = run(args, TIMEOUT);
        if (r.timedOut()) {
            problems.add("tshark timed out after " + TIMEOUT.toSeconds() + " s on " + capture);
        } else if (r.exitCode() != 0) {
            problems.add("tshark exited with status " + r.exitCode() + " on " + capture);
        }
        for (String line : r.stderrLines()) {
            problems.add("tshark stderr: " + line);
        }
        int frames = 0;
        for (String line : r.stdout().split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length < FIELDS.length) {
                problems.add("unexpected tshark output line: " + line);
                continue;
            }
            frames++;
            String frame = "frame " + f[0];
            List<String> stack = List.of(f[1].split(":"));
            if (stack.isEmpty() || !stack.get(0).equals("erf")) {
                problems.add(frame + ": not read as an ERF record, protocols = " + f[1]);
            }
            if (!stack.contains("infiniband")) {
                problems.add(frame + ": no infiniband in protocols = " + f[1]);
            }
            if (!f[6].isEmpty() || stack.contains("_ws.malformed")) {
                problems.add(frame + ": malformed packet: " + f[6].replace(AGGREGATOR, ", "));
            }
            String[] severities = f[7].isEmpty() ? new String[0] : f[7].split(AGGREGATOR);
            String[] messages = f[8].isEmpty() ? new String[0] : f[8].split(AGGREGATOR);
            for (int i = 0; i < severities.length; i++) {
                long sev = parseLong(severities[i], -1);
                if (sev < 0 || sev >= SEVERITY_ERROR) {
                    problems.add(frame + ": expert severity 0x" + Long.toHexString(sev) + ": "
                            + (i < messages.length ? messages[i] : "(no message)"));
                }
            }
            if (expectedPackets != null) {
                int n = (int) parseLong(f[0], -1);
                if (n < 1 || n > expectedPackets.size()) {
                    continue;                                      // counted below
                }
                byte[] p = expectedPackets.get(n - 1);
                compare(problems, frame, "frame.len", f[2], p.length);
                compare(problems, frame, "frame.cap_len", f[3], p.length);
                if (p.length >= IbPacket.LRH_BYTES) {
                    compare(problems, frame, "infiniband.lrh.dlid", f[4], IbPacket.dlid(p));
                    compare(problems, frame, "infiniband.lrh.slid", f[5], IbPacket.slid(p));
                }
            }
        }
        if (expectedPackets != null && !r.timedOut() && frames != expectedPackets.size()) {
            problems.add("tshark shows " + frames + " frames, expected " + expectedPackets.size());
        }
        return problems;
    }

    /**
     * Runs {@code tshark -n -r capture OPTIONS -T fields -e F1 -e F2 ...} and returns one map per
     * frame, field name to value as tshark prints it (several occurrences joined by ',', ""
     * when absent). Meant for tests that assert per-frame facts, e.g. {@code frame.protocols}
     * or {@code eth.fcs.status} with {@code -o eth.check_fcs:TRUE}.
     *
     * @param options extra arguments placed before the output options (preferences, protocol
     *     switches)
     * @throws IOException when tshark cannot be started, times out, exits with an error or
     *     prints anything on stderr (the "Running as user root" warning excepted); the message
     *     quotes the command and stderr
     */
    public static List<Map<String, String>> fields(Path capture, List<String> options,
            List<String> fields) throws IOException {
        Objects.requireNonNull(capture, "capture");
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("fields: name at least one field");
        }
        List<String> args = new ArrayList<>(List.of("-n", "-r", capture.toAbsolutePath().toString()));
        args.addAll(options);
        args.addAll(List.of("-T", "fields", "-E", "header=n", "-E", "separator=/t",
                "-E", "occurrence=a", "-E", "aggregator=,"));
        for (String f : fields) {
            args.add("-e");
            args.add(f);
        }
        Result r = run(args, TIMEOUT);
        if (r.timedOut() || r.exitCode() != 0 || !r.stderrLines().isEmpty()) {
            throw new IOException("tshark " + String.join(" ", args) + ": "
                    + (r.timedOut() ? "timed out" : "exit status " + r.exitCode())
                    + (r.stderrLines().isEmpty() ? "" : ", stderr: " + String.join(" | ", r.stderrLines())));
        }
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : r.stdout().split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] v = line.split("\t", -1);
            Map<String, String> row = new java.util.LinkedHashMap<>();
            for (int i = 0; i < fields.size(); i++) {
                row.put(fields.get(i), i < v.length ? v[i] : "");
            }
            rows.add(row);
        }
        return rows;
    }

    private static void compare(List<String> problems, String frame, String field, String shown,
            long expected) {
        String first = shown.split(AGGREGATOR, -1)[0];
        if (parseLong(first, Long.MIN_VALUE) != expected) {
            problems.add(frame + ": " + field + " = '" + shown.replace(AGGREGATOR, ",")
                    + "', expected " + expected);
        }
    }

    private static long parseLong(String s, long otherwise) {
        try {
            return Long.decode(s.trim());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    /**
     * Protocols of tshark's "infiniband.payload" heuristic table ({@code -G
     * heuristic-decodes}); the 4.0 list when that cannot be read.
     */
    static List<String> payloadHeuristicProtocols() {
        List<String> list = payloadHeuristics;
        if (list == null) {
            Set<String> found = new LinkedHashSet<>();
            try {
                Result r = run(List.of("-G", "heuristic-decodes"), Duration.ofSeconds(60));
                if (!r.timedOut() && r.exitCode() == 0) {
                    for (String line : r.stdout().split("\n")) {
                        String[] f = line.split("\t");
                        if (f.length >= 2 && f[0].equals("infiniband.payload")) {
                            found.add(f[1].trim());
                        }
                    }
                }
            } catch (IOException e) {
                // fall back below
            }
            list = found.isEmpty() ? PAYLOAD_HEURISTICS_4_0 : List.copyOf(found);
            payloadHeuristics = list;
        }
        return list;
    }

    /**
     * Runs tshark with {@code args}, a fresh empty configuration directory and a time limit;
     * the process is killed when the limit is exceeded.
     *
     * @return exit code, whether it timed out, stdout and stderr lines (without the
     *     "Running as user root" warning)
     * @throws IOException when tshark cannot be started
     */
    public static Result run(List<String> args, Duration timeout) throws IOException {
        Path dir = Files.createTempDirectory("tshark-run-");
        try {
            Path config = Files.createDirectory(dir.resolve("config"));
            Path out = dir.resolve("stdout");
            Path err = dir.resolve("stderr");
            List<String> cmd = new ArrayList<>();
            cmd.add(executable());
            cmd.addAll(args);
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile())
                    .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(
                            new java.io.File("/dev/null")));
            Map<String, String> env = pb.environment();
            env.put("WIRESHARK_CONFIG_DIR", config.toString());
            env.remove("ERF_RECORDS_TO_CHECK");
            env.remove("ERF_HOST_ID");
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                throw new IOException("cannot start " + String.join(" ", cmd) + ": "
                        + e.getMessage(), e);
            }
            boolean done;
            try {
                done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                done = false;
            }
            if (!done) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                try {
                    p.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            String stdout = new String(Files.readAllBytes(out), StandardCharsets.UTF_8);
            List<String> stderr = new ArrayList<>();
            String errText = new String(Files.readAllBytes(err), StandardCharsets.UTF_8);
            for (String line : errText.split("\n")) {
                if (!line.isBlank() && !line.startsWith(ROOT_WARNING)) {
                    stderr.add(line);
                }
            }
            return new Result(done ? p.exitValue() : -1, !done, stdout, stderr);
        } finally {
            deleteRecursively(dir);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(q -> {
                try {
                    Files.deleteIfExists(q);
                } catch (IOException ignored) {
                    // best effort
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
