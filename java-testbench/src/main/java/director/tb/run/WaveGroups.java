package director.tb.run;

import director.tb.io.waves.GtkwSave;

import java.util.List;

/**
 * What a debug run's GTKWave view shows for a failing port P (by the RTL's instance and signal names, which the naming
 * helper keeps readable): its ingress and egress streams at the pins and as the switch registered them (the switch
 * registers every input at its pins: the core sees in a cycle what the pins carried in the one before), its credits
 * both ways, its input buffer's
 * VOQ state, the iSLIP scheduler's requests, pointers and grants, its egress port's VL arbiter and lane state. Names
 * are matched against the FST's own signal list, so a view never names a signal the file does not hold.
 */
final class WaveGroups {
    private WaveGroups() {}

    static List<GtkwSave.Group> forPort(int failingPort, int ports) {
        int p = failingPort >= 0 && failingPort < ports ? failingPort : 0;
        String top = "^TOP\\.DirectorTop\\.", core = top + "core\\.";
        return List.of(
                GtkwSave.Group.of("clock and reset", top + "(clock|reset)$"),
                GtkwSave.Group.of("ingress stream, port " + p + " (at the pins, and as the core sees it: registered)",
                        top + "ingress_" + p + "_", core + "ingressSeen_" + p + "_"),
                GtkwSave.Group.of("egress stream, port " + p + " (at the pins; ready as the core sees it: registered)",
                        top + "egress_" + p + "_", core + "egressReadySeen_" + p + "(\\[|$)"),
                GtkwSave.Group.of("credits, port " + p + " (FCCL in from the partner a cycle ahead and as the port registered it, "
                                + "out to it a cycle ahead; FCTBS per VL)",
                        top + "fcclIn_" + p + "(\\[|$)", core + "fcclSeen_" + p + "(\\[|$)", top + "fcclOut_" + p + "(\\[|$)",
                        core + "outputs_" + p + "\\.fctbs_"),
                GtkwSave.Group.of("VOQs of input " + p + " (input buffer)", core + "inputs_" + p + "\\.[A-Za-z][A-Za-z0-9]*(_[0-9]+)?(\\[|$)"),
                GtkwSave.Group.of("iSLIP scheduler (requests, grant and accept pointers)", core + "scheduler\\.[A-Za-z][A-Za-z0-9_]*(\\[|$)"),
                GtkwSave.Group.of("VL arbiter of output " + p, core + "outputs_" + p + "\\.arb\\.[A-Za-z][A-Za-z0-9_]*(\\[|$)"),
                GtkwSave.Group.of("egress port " + p + " (lane, busy, bytes)", core + "outputs_" + p + "\\.(busy|inLane|curLane|txBytes)(\\[|$)"));
    }
}
