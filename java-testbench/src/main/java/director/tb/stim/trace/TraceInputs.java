package director.tb.stim.trace;

import director.tb.io.InputError;
import director.tb.io.capture.CaptureImport;
import director.tb.io.capture.MacMap;
import director.tb.io.trace.TraceCsv;
import director.tb.model.SwitchConfig;
import director.tb.model.gateway.Vhba;
import director.tb.model.gateway.Vnic;
import director.tb.stim.ScheduledFrames;
import director.tb.stim.VnicPlan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What {@code director replay FILE...} reads, turned into one schedule of frames: CSV traces (docs/traces.md; built by
 * {@link FrameFactory} against the standard vNIC and vHBA tables), captures (pcap, pcapng, ERF: {@link CaptureImport},
 * which may bring vNIC tables of its own), or a directory a run's {@code --capture} wrote (its ingress files,
 * {@code port-NN.in.*}, replayed at their ports). Everything is read and checked before the first cycle; every problem
 * with the inputs is an {@link InputError} naming them (a capture holding no packet too).
 */
public final class TraceInputs {
    private TraceInputs() {}

    public static ScheduledFrames load(List<Path> inputs, SwitchConfig cfg, Path macMap, double speed, boolean lineRate, boolean keepGaps)
            throws IOException {
        List<Path> csv = new ArrayList<>(), captures = new ArrayList<>();
        for (Path in : inputs) {
            if (Files.isDirectory(in)) {
                List<Path> ingress;
                try (Stream<Path> s = Files.list(in)) {
                    ingress = s.filter(p -> p.getFileName().toString().matches("port-\\d+\\.in\\.(erf|pcap|pcapng)")).sorted().toList();
                }
                if (ingress.isEmpty())
                    throw new InputError(in.toString(), "a directory holding no ingress capture (port-NN.in.erf or port-NN.in.pcap, as --capture writes)");
                captures.addAll(ingress);
            } else if (!Files.isRegularFile(in)) {
                throw new InputError(in.toString(), "no such file");
            } else if (in.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
                csv.add(in);
            } else {
                captures.add(in);
            }
        }
        if (!csv.isEmpty() && !captures.isEmpty())
            throw new InputError(csv.get(0).toString(), "CSV traces and captures cannot be replayed together (" + captures.get(0)
                    + " is a capture): replay them separately");
        String what = inputs.size() == 1 ? inputs.get(0).toString() : inputs.size() + " files (" + inputs.get(0) + ", ...)";
        List<TraceFrame> frames = new ArrayList<>();
        List<Vnic> vnics;
        List<Vhba> vhbas;
        if (!csv.isEmpty()) {
            if (macMap != null) throw new IllegalArgumentException("--mac-map applies to captures, not to CSV traces");
            vnics = VnicPlan.standard(cfg);
            vhbas = VnicPlan.vhbas(cfg);
            FrameFactory factory = new FrameFactory(cfg, vnics, vhbas);
            for (Path f : csv) {
                List<TraceFrame> some = FrameFactory.frames(TraceCsv.read(f), factory);
                if (!frames.isEmpty() && !some.isEmpty() && some.get(0).base() != frames.get(0).base())
                    throw new InputError(f.toString(), "its times are in " + unit(some.get(0)) + " but " + csv.get(0) + "'s are in "
                            + unit(frames.get(0)) + ": traces replayed together must share the time column");
                frames.addAll(some);
            }
            if (csv.size() > 1) frames.sort(java.util.Comparator.comparingLong(TraceFrame::time));  // stable: file order on ties
        } else {
            CaptureImport.Imported imp = CaptureImport.read(captures, cfg, macMap == null ? null : MacMap.read(macMap));
            if (imp.frames().isEmpty())
                throw new InputError(what, "no frames: " + (captures.size() == 1 ? "the capture holds no packet"
                        : "none of the " + captures.size() + " captures holds a packet"));
            frames.addAll(imp.frames());
            vnics = imp.vnics();
            vhbas = imp.vhbas();
        }
        String desc = "replay of " + what + ": " + frames.size() + " frames" + (lineRate ? ", packed at line rate"
                : speed != 1 ? String.format(Locale.ROOT, ", at %.3gx speed", speed) : "");
        return TraceSchedule.of(frames, cfg, speed, lineRate, keepGaps, desc, vnics, vhbas);
    }

    private static String unit(TraceFrame f) { return f.base() == TraceFrame.TimeBase.NS ? "time_ns" : "cycle"; }
}
