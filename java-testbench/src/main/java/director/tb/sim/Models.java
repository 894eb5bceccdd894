package director.tb.sim;

import director.harness.HarnessSetting;
import director.harness.ModelBuild;
import director.rtl.params.DirectorParams;
import director.rtl.top.Elaborate;
import director.rtl.top.HarnessConsts;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.*;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Models for given parameters, from the cache or built: the Chisel generator runs in this JVM
 * (Scala-Java interop) only when the cache has no model for the RTL + parameters + flags.
 */
public final class Models {
    private Models() {}

    private static String rtlCodeHash;

    /** A hash of the generator's class files (and the Chisel/firtool versions behind them). */
    public static synchronized String rtlCodeHash() {
        if (rtlCodeHash == null) {
            StringBuilder sb = new StringBuilder();
            sb.append(hashCodeSource(Elaborate.class)).append('\n');
            sb.append(location(chisel3.Module.class).getFileName()).append('\n');
            sb.append(location(circt.stage.ChiselStage.class).getFileName()).append('\n');
            sb.append(String.join(",", Elaborate.firtoolOptions())).append('\n');
            rtlCodeHash = ModelBuild.sha256(sb.toString().getBytes(StandardCharsets.UTF_8));
        }
        return rtlCodeHash;
    }

    /**
     * Verilator threads of a director model: with 2, the vp780 profile ran 2.5-3.5x faster than with 1 (the Java
     * side checks inline between batches, so the second core is free while the model runs); the 8-port profile
     * ran slower (74K against 95K cycles/s), so small models stay single-threaded.
     */
    public static int directorThreads(DirectorParams p) {
        // -Ddirector.threads=N (DIRECTOR_JAVA_OPTS for the CLI) overrides, to measure; part of the cache key
        return Integer.getInteger("director.threads", p.ports() >= TWO_THREADS_FROM_PORTS ? 2 : 1);
    }

    /** The port count from which a director model runs on two Verilator threads (and is trained: DirectorModel). */
    public static final int TWO_THREADS_FROM_PORTS = 16;

    /**
     * The director model library for these parameters; with {@code trace} it can record waves, with {@code coverage}
     * it counts the RTL's cover points (Verilator {@code --coverage-user}, docs/coverage.md), with a {@code training}
     * it is built profile-guided (director.harness.Training). Runs ask director.tb.run.DirectorModel, which chooses the
     * training, so that one set of parameters always finds one model.
     */
    public static Path director(DirectorParams p, boolean trace, boolean coverage, director.harness.Training training) {
        int bytesBits = 32 - Integer.numberOfLeadingZeros(p.beatBytes());  // log2Ceil(beatBytes + 1)
        Map<String, String> defines = new java.util.TreeMap<>(Map.of(
                "DIR_PORTS", Integer.toString(p.ports()),
                "DIR_BEAT_BYTES", Integer.toString(p.beatBytes()),
                "DIR_BYTES_BITS", Integer.toString(bytesBits),
                "DIR_DATA_VLS", Integer.toString(p.dataVls())));
        // module ports (docs/gateway.md) are the last ports; without them the define is left out (same build as before)
        if (p.hasGateway()) defines.put("DIR_HOST_PORTS", Integer.toString(p.hostPorts()));
        String header = portsHeader(p.ports());
        if (p.hasGateway()) header += portKindsLine(p);
        return ModelBuild.library(new ModelBuild.Spec("DirectorTop", rtlCodeHash() + "\n" + p.describe(),
                () -> coverage ? Elaborate.directorCounting(p) : Elaborate.director(p), "director_harness.cpp", defines,
                directorHeaders(header), trace, directorThreads(p), coverage, training));
    }

    /** The iSLIP scheduler alone, n ports. */
    public static Path islipUnit(int n, int iterations) {
        return ModelBuild.library(new ModelBuild.Spec("IslipUnit", rtlCodeHash() + "\nislip n=" + n + " iterations=" + iterations,
                () -> Elaborate.islipUnit(n, iterations), "islip_unit.cpp", Map.of("UNIT_N", Integer.toString(n)), Map.of(), false));
    }

    /** The vHBA shaper alone, n flows, with its settings bank. */
    public static Path shaperUnit(int n, int coreMHz) {
        return ModelBuild.library(new ModelBuild.Spec("TokenShaperUnit", rtlCodeHash() + "\nshaper n=" + n + " coreMHz=" + coreMHz,
                () -> Elaborate.tokenShaperUnit(n, coreMHz), "shaper_unit.cpp", Map.of("UNIT_N", Integer.toString(n)), Map.of(), false));
    }

    /** One host port's vNIC policers alone, n vNICs, with their settings bank. */
    public static Path policerUnit(int n, int coreMHz) {
        return ModelBuild.library(new ModelBuild.Spec("TwoRatePolicerUnit", rtlCodeHash() + "\npolicer n=" + n + " coreMHz=" + coreMHz,
                () -> Elaborate.twoRatePolicerUnit(n, coreMHz), "policer_unit.cpp", Map.of("UNIT_N", Integer.toString(n)), Map.of(), false));
    }

    /** The VL arbiter alone. */
    public static Path vlArbUnit(int dataVls, int entries) {
        return ModelBuild.library(new ModelBuild.Spec("VlArbUnit", rtlCodeHash() + "\nvlarb dataVls=" + dataVls + " entries=" + entries,
                () -> Elaborate.vlArbUnit(dataVls, entries), "vlarb_unit.cpp", Map.of(), Map.of(), false));
    }

    /** The egress port alone (with its VCRC regeneration), sized by {@code p} (8-byte beats). */
    public static Path egressPortUnit(DirectorParams p) {
        return ModelBuild.library(new ModelBuild.Spec("EgressPortUnit", rtlCodeHash() + "\negress " + p.describe(),
                () -> Elaborate.egressPortUnit(p), "egress_port_unit.cpp", Map.of(), Map.of(), false));
    }

    /** One input buffer alone (voq/InputBuffer with its link checks and credits) for the parameters {@code p}. */
    public static Path inputBufferUnit(DirectorParams p) {
        return ModelBuild.library(new ModelBuild.Spec("InputBufferUnit", rtlCodeHash() + "\ninput buffer " + p.describe(),
                () -> Elaborate.inputBufferUnit(p), "input_buffer_unit.cpp", Map.of(), Map.of(), false));
    }

    /** The crossbar alone (xbar/Crossbar), {@code p.ports()} ports of {@code p.beatBytes()}-byte beats. */
    public static Path crossbarUnit(DirectorParams p) {
        return ModelBuild.library(new ModelBuild.Spec("CrossbarUnit", rtlCodeHash() + "\ncrossbar " + p.describe(),
                () -> Elaborate.crossbarUnit(p), "crossbar_unit.cpp", Map.of("UNIT_N", Integer.toString(p.ports())), Map.of(), false));
    }

    /**
     * The headers generated into a director model build: the ports (this profile's), the constants the harness shares
     * with the silicon (from the RTL's definitions, {@link HarnessConsts}) and the harness's settings by name
     * ({@link HarnessSetting}). Their text is part of the model's cache key, so a changed constant rebuilds.
     */
    static Map<String, String> directorHeaders(String portsHeader) {
        return Map.of("director_ports.h", portsHeader, HarnessConsts.fileName(), HarnessConsts.text(),
                HarnessSetting.HEADER, HarnessSetting.header());
    }

    /** The list of port numbers as an X-macro, for the harness to bind each port's signals by name. */
    static String portsHeader(int ports) {
        StringBuilder sb = new StringBuilder("// generated by director.tb.sim.Models: one X(p) per director port\n#pragma once\n#define DIR_FOR_EACH_PORT(X)");
        for (int p = 0; p < ports; p++) sb.append(" X(").append(p).append(')');
        return sb.append('\n').toString();
    }

    /** Each port's kind for the harness: 'I' InfiniBand host port, 'E' 10GbE, 'F' FC. */
    static String portKindsLine(DirectorParams p) {
        StringBuilder k = new StringBuilder();
        for (int i = 0; i < p.ports(); i++) k.append(switch (p.kind(i).key()) { case "eth" -> 'E'; case "fc" -> 'F'; default -> 'I'; });
        return "#define DIR_PORT_KINDS \"" + k + "\"\n";
    }

    /** Writes the director's SystemVerilog to a file, only when its content changed. Returns true if written. */
    public static boolean writeSystemVerilog(DirectorParams p, Path file) {
        return ModelBuild.writeIfChanged(file, Elaborate.director(p));
    }

    private static Path location(Class<?> c) {
        try {
            return Paths.get(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hashCodeSource(Class<?> c) {
        Path loc = location(c);
        StringBuilder sb = new StringBuilder();
        try {
            if (Files.isDirectory(loc)) {
                try (var walk = Files.walk(loc)) {
                    for (Path f : walk.filter(Files::isRegularFile).sorted().toList())
                        sb.append(loc.relativize(f)).append('=').append(ModelBuild.sha256(Files.readAllBytes(f))).append('\n');
                }
            } else {
                try (JarFile jar = new JarFile(loc.toFile())) {
                    List<JarEntry> entries = new ArrayList<>(Collections.list(jar.entries()));
                    entries.sort(Comparator.comparing(JarEntry::getName));
                    for (JarEntry e : entries) {
                        if (e.isDirectory() || e.getName().startsWith("META-INF/")) continue;
                        try (InputStream in = jar.getInputStream(e)) {
                            sb.append(e.getName()).append('=').append(ModelBuild.sha256(in.readAllBytes())).append('\n');
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new SimException("cannot read the RTL generator's classes at " + loc + ": " + e.getMessage());
        }
        return ModelBuild.sha256(sb.toString().getBytes(StandardCharsets.UTF_8));
    }
}
