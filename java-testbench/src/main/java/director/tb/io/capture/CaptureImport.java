package director.tb.io.capture;

import director.tb.io.InputError;
import director.tb.model.SwitchConfig;
import director.tb.model.gateway.Vhba;
import director.tb.model.gateway.Vnic;
import director.tb.stim.VnicPlan;
import director.tb.stim.trace.TraceFrame;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Imports real captures (classic pcap, pcapng, ERF) byte for byte as frames to replay into the director, and the
 * vNIC and vHBA tables the replay must program (docs/captures.md tells the rules in full).
 *
 * <ul>
 *   <li>Format by magic number ({@link CaptureReader}); frames of all files together, sorted by time (stable: file
 *       order, then frame order, for equal times); times in nanoseconds from the earliest frame of all files.</li>
 *   <li>Ethernet (link type 1; with its FCS when the pcap link type or pcapng {@code if_fcslen} = 4 says so, else the
 *       FCS is added): {@link EthernetPlacer}. FC with frame delimiters (225): {@link FcPlacer}. InfiniBand (ERF type
 *       21, link type 247): {@link IbPlacer}. Any other link type: an {@link InputError}.</li>
 *   <li>A file named {@code port-NN.*} ({@link PortName}, as {@code --capture} names them) puts its frames at port NN
 *       as captured when port NN exists and is of the kind its link type needs (10GbE for Ethernet, FC for 225, a
 *       host port for InfiniBand); otherwise its frames are placed by their addresses.</li>
 *   <li>vNICs: the {@link MacMap}'s table when one is given; else, when frames are placed by MAC, one vNIC per source
 *       MAC ({@link ImportedVnics}); else the standard table ({@link VnicPlan#standard}). vHBAs: always the standard
 *       table ({@link VnicPlan#vhbas}).</li>
 *   <li>A frame captured shorter than it was on the wire (snaplen) or empty is an {@link InputError}: it cannot be
 *       replayed as it was.</li>
 * </ul>
 */
public final class CaptureImport {
    private CaptureImport() {
    }

    /**
     * What an import gives.
     *
     * @param frames every frame, in time order ({@link TraceFrame.TimeBase#NS}, origin {@code file#frame})
     * @param vnics  the vNIC table to program (vNIC n at index n)
     * @param vhbas  the vHBA table to program
     */
    public record Imported(List<TraceFrame> frames, List<Vnic> vnics, List<Vhba> vhbas) {
        public Imported {
            frames = List.copyOf(frames);
            vnics = List.copyOf(vnics);
            vhbas = List.copyOf(vhbas);
        }
    }

    /**
     * Reads {@code files} for a switch {@code cfg}.
     *
     * @param macs the MAC map, or null to derive the vNICs from the captures
     * @throws InputError naming the file, the frame (or line of the MAC map) and the field of the first problem
     * @throws IOException when a file cannot be read
     */
    public static Imported read(List<Path> files, SwitchConfig cfg, MacMap macs) throws IOException {
        Objects.requireNonNull(cfg, "cfg");
        List<CapturedFrame> all = new ArrayList<>();
        for (Path f : files) all.addAll(CaptureReader.read(f));
        all.sort(Comparator.comparingLong(CapturedFrame::timeNs));
        MacSurvey survey = new MacSurvey();
        for (CapturedFrame f : all) {
            check(f);
            if (f.linkType() == CapturedFrame.ETHERNET && namedPort(f, cfg) < 0) survey.add(f);
        }
        List<Vnic> vnics = macs != null ? macs.vnics(cfg, survey.vlans())
                : survey.isEmpty() ? VnicPlan.standard(cfg) : ImportedVnics.auto(survey, cfg);
        List<Vhba> vhbas = VnicPlan.vhbas(cfg);
        EthernetPlacer eth = new EthernetPlacer(cfg, vnics, macs);
        FcPlacer fc = new FcPlacer(cfg, vhbas);
        IbPlacer ib = new IbPlacer(cfg);
        long t0 = all.isEmpty() ? 0 : all.get(0).timeNs();
        List<TraceFrame> frames = new ArrayList<>(all.size());
        for (CapturedFrame f : all) {
            long t = f.timeNs() - t0;
            int named = namedPort(f, cfg);
            frames.add(switch (f.linkType()) {
                case CapturedFrame.ETHERNET -> eth.place(f, t, named);
                case CapturedFrame.FC_2_WITH_FRAME_DELIMS -> fc.place(f, t, named);
                case CapturedFrame.INFINIBAND -> ib.place(f, t, named);
                default -> throw new InputError(f.file().toString(), f.where(), "link type", f.linkType()
                        + " is not one the director's ports carry: 1 (Ethernet), 225 (FC-2 with frame delimiters),"
                        + " 247 or ERF type 21 (InfiniBand)");
            });
        }
        return new Imported(frames, vnics, vhbas);
    }

    /** The port the frame's file names when that port can take the frame's link type, else -1. */
    static int namedPort(CapturedFrame f, SwitchConfig cfg) {
        var n = PortName.of(f.file());
        if (n.isEmpty() || n.getAsInt() >= cfg.ports()) return -1;
        int p = n.getAsInt();
        boolean fits = switch (f.linkType()) {
            case CapturedFrame.ETHERNET -> cfg.isEth(p);
            case CapturedFrame.FC_2_WITH_FRAME_DELIMS -> cfg.isFc(p);
            case CapturedFrame.INFINIBAND -> cfg.isHost(p);
            default -> false;
        };
        return fits ? p : -1;
    }

    /** A frame must be whole to be replayed. */
    private static void check(CapturedFrame f) {
        if (f.data().length == 0)
            throw new InputError(f.file().toString(), f.where(), "captured length", "0 bytes: nothing to replay");
        if (f.data().length < f.originalLength())
            throw new InputError(f.file().toString(), f.where(), "captured length", f.data().length + " of "
                    + f.originalLength() + " bytes captured (snaplen): a cut frame cannot be replayed as it was");
    }
}
