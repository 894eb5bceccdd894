package director.tb.fuzz;

import director.rtl.params.DirectorParams;
import director.tb.io.ErfFormatException;
import director.tb.io.ErfReader;
import director.tb.io.InputError;
import director.tb.io.PcapReader;
import director.tb.io.PcapngReader;
import director.tb.io.capture.MacMap;
import director.tb.model.SwitchConfig;
import director.tb.model.vlarb.VlTables;
import director.tb.regress.Plan;
import director.tb.stim.trace.TraceInputs;
import director.tb.stim.workload.FlowSizeCdf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The targets that read files: the input is the file's bytes, written under a name of the format; the documented
 * error must name that file. Captures and traces are read for the gateway profile (8 ports: host ports, two 10GbE
 * ports, an FC port), so every protocol has a port.
 */
final class FileReaderTargets {
    private FileReaderTargets() {}

    /** The switch traces and captures are read for. */
    static final SwitchConfig GATEWAY = SwitchConfig.of(DirectorParams.fromSpec("gateway", Map.of()));

    /** A file-reading target: a name, what it reads, its seeds, and the read itself. */
    abstract static class FileTarget implements FuzzTarget {
        private final String name;
        private final String description;

        FileTarget(String name, String description) {
            this.name = name;
            this.description = description;
        }

        @Override public String name() { return name; }

        @Override public String description() { return description; }

        @Override public String toString() { return name; }

        /** A reader under test: it reads the file and may throw the target's documented error. */
        interface Reader<T> {
            T read(Path f) throws Exception;
        }

        /**
         * Writes {@code input} as {@code fileName} and reads it: what it read, or null when the reader threw the
         * documented error (of exactly that class when {@code exact}), which must name the file. Any other throwable
         * goes on to the fuzzer as a finding.
         */
        static <T> T read(byte[] input, String fileName, Class<? extends Exception> documented, boolean exact, Reader<T> reader) throws Throwable {
            Path f = InputFiles.write(fileName, input);
            try {
                return reader.read(f);
            } catch (Exception e) {
                if (!documented.isInstance(e)) throw e;
                if (exact && e.getClass() != documented)
                    throw new FuzzFinding("a " + e.getClass().getName() + " where the reader documents " + documented.getName(), e);
                Expect.namesInput(e, f.toString());
                return null;
            }
        }
    }

    /** CSV traces as {@code director replay} reads them: TraceCsv, FrameFactory, TraceSchedule. */
    static final FuzzTarget TRACE_CSV = new FileTarget("trace-csv",
            "a CSV trace replayed (TraceInputs.load: TraceCsv, FrameFactory, TraceSchedule; gateway profile; at line rate when "
                    + "the last byte is odd): InputError naming the file, line and column") {
        @Override public void fuzz(byte[] input) throws Throwable {
            boolean lineRate = input.length > 0 && (input[input.length - 1] & 1) != 0;
            read(input, "trace.csv", InputError.class, false, f -> TraceInputs.load(List.of(f), GATEWAY, null, 1.0, lineRate, false));
        }

        @Override public List<byte[]> seeds(Path root) throws IOException {
            List<byte[]> s = SeedFiles.in(root, "traces/csv", ".csv");
            s.add("time_ns,port,protocol,dlid,size\n0,0,ib,2,64\n".getBytes(StandardCharsets.UTF_8));
            return s;
        }
    };

    /** Classic pcap files. */
    static final FuzzTarget PCAP = new FileTarget("pcap",
            "a classic pcap file (PcapReader.read): InputError naming the file, frame, byte offset and field") {
        @Override public void fuzz(byte[] input) throws Throwable {
            read(input, "capture.pcap", InputError.class, false, PcapReader::read);
        }

        @Override public List<byte[]> seeds(Path root) throws IOException {
            List<byte[]> s = SeedFiles.in(root, "traces/captures", ".pcap");
            s.addAll(Captures.pcaps());
            return s;
        }
    };

    /** pcapng files. */
    static final FuzzTarget PCAPNG = new FileTarget("pcapng",
            "a pcapng file (PcapngReader.read): InputError naming the file, block, byte offset and field") {
        @Override public void fuzz(byte[] input) throws Throwable {
            read(input, "capture.pcapng", InputError.class, false, PcapngReader::read);
        }

        @Override public List<byte[]> seeds(Path root) throws IOException {
            List<byte[]> s = SeedFiles.in(root, "traces/captures", ".pcapng");
            s.add(Captures.pcapng());
            return s;
        }
    };

    /** ERF files of InfiniBand records. */
    static final FuzzTarget ERF = new FileTarget("erf",
            "an ERF file (ErfReader.readAll): ErfFormatException naming the file, record and byte offset") {
        @Override public void fuzz(byte[] input) throws Throwable {
            read(input, "capture.erf", ErfFormatException.class, false, ErfReader::readAll);
        }

        @Override public List<byte[]> seeds(Path root) throws IOException {
            List<byte[]> s = SeedFiles.in(root, "traces/captures", ".erf");
            s.add(Captures.erf());
            return s;
        }
    };

    /** The file names the capture import is given: the last byte of the input picks one. */
    static final List<String> CAPTURE_NAMES = List.of("capture.pcap", "capture.pcapng", "capture.erf", "port-05.pcap",
            "port-07.pcap", "port-00.erf", "port-06.pcapng", "port-07.pcapng", "port-03.erf", "capture.cap");

    /** Captures as {@code director replay} imports them: format by magic, frames placed at ports, vNIC tables. */
    static final FuzzTarget CAPTURE_IMPORT = new FileTarget("capture-import",
            "a capture replayed (TraceInputs.load: CaptureReader, CaptureImport's placers, automatic vNICs, TraceSchedule; "
                    + "gateway profile; the file named by the last byte: " + String.join(", ", CAPTURE_NAMES)
                    + "): InputError naming the file, frame and field") {
        @Override public void fuzz(byte[] input) throws Throwable {
            String name = CAPTURE_NAMES.get(input.length == 0 ? 0 : (input[input.length - 1] & 0xFF) % CAPTURE_NAMES.size());
            read(input, name, InputError.class, false, f -> TraceInputs.load(List.of(f), GATEWAY, null, 1.0, false, false));
        }

        @Override public List<byte[]> seeds(Path root) throws IOException {
            List<byte[]> s = SeedFiles.in(root, "traces/captures", ".pcap", ".pcapng", ".erf");
            s.addAll(Captures.pcaps());
            s.add(Captures.pcapng());
            s.add(Captures.erf());
            return s;
        }
    };

    /** MAC maps of the capture import, checked against the gateway profile. */
    static final FuzzTarget MAC_MAP = new FileTarget("mac-map",
            "a MAC map (MacMap.read, then its vNIC table for the gateway profile): InputError naming the file, line and "
                    + "column") {
        @Override public void fuzz(byte[] input) throws Throwable {
            read(input, "macs.csv", InputError.class, false, f -> MacMap.read(f).vnics(GATEWAY, Map.of()));
        }

        @Override public List<byte[]> seeds(Path root) {
            return new ArrayList<>(List.of(
                    "mac,host_port,eth_port,vlans\n02:ca:e4:8d:7e:6e,0,5,0;100\na2:b9:39:51:a2:44,1,6\n".getBytes(StandardCharsets.UTF_8),
                    "# a comment\nmac,host_port,eth_port\n\n02-00-00-00-00-01,3,5\n".getBytes(StandardCharsets.UTF_8)));
        }
    };

    /** VL arbitration tables (--vl-tables). */
    static final FuzzTarget VL_TABLES = new FileTarget("vl-tables",
            "a VL arbitration table CSV (VlTables.parse, 4 data VLs, 8 entries a table): IllegalArgumentException naming "
                    + "the file, line and field") {
        @Override public void fuzz(byte[] input) throws Throwable {
            read(input, "vl-tables.csv", IllegalArgumentException.class, true, f -> VlTables.parse(f, 4, 8));
        }

        @Override public List<byte[]> seeds(Path root) throws IOException {
            List<byte[]> s = SeedFiles.in(root, "traces/vl-tables", ".csv");
            s.add("table,vl,weight\nhigh,0,16\nlow,1,64 # a comment\nlimit,4\n".getBytes(StandardCharsets.UTF_8));
            return s;
        }
    };

    /** Regression plans (regress/*.yaml). */
    static final FuzzTarget PLAN = new FileTarget("plan",
            "a regression plan (Plan.load: YAML by Jackson, then every field checked): Plan.PlanException naming the file "
                    + "(and where the parser knows them, the line, column and field)") {
        @Override public void fuzz(byte[] input) throws Throwable {
            read(input, "plan.yaml", Plan.PlanException.class, false, Plan::load);
        }

        @Override public List<byte[]> seeds(Path root) throws IOException {
            List<byte[]> s = SeedFiles.in(root, "regress", ".yaml");
            s.add("plan: p\ntests:\n  - name: t\n    command: run\n    args: [--profile, small]\n    seeds: 2\n"
                    .getBytes(StandardCharsets.UTF_8));
            return s;
        }
    };

    /** Flow-size distributions (--workload). */
    static final FuzzTarget WORKLOAD_CDF = new FileTarget("workload-cdf",
            "a flow-size CDF (FlowSizeCdf.read; an accepted one must have a finite mean within its sizes): InputError "
                    + "naming the file, line and field") {
        @Override public void fuzz(byte[] input) throws Throwable {
            FlowSizeCdf cdf = read(input, "flows.cdf", InputError.class, false, FlowSizeCdf::read);
            if (cdf == null) return;
            Expect.check(Double.isFinite(cdf.mean()) && cdf.mean() >= cdf.min() && cdf.mean() <= cdf.max(),
                    "an accepted CDF with mean " + cdf.mean() + " outside its sizes " + cdf.min() + ".." + cdf.max());
        }

        @Override public List<byte[]> seeds(Path root) throws IOException {
            return SeedFiles.in(root, "traces/workloads", ".cdf");
        }
    };
}
