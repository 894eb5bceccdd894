package director.tb.sim;

import director.rtl.csr.CsrMap;
import director.rtl.params.DirectorParams;
import director.tb.run.DirectorModel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A burst of CSR reads ({@link DirectorSim#csrReads}: a request a cycle, the harness collecting the answers in order)
 * reads what the same reads one at a time read, in n + 1 cycles instead of 2n; an address the CSR block answers with an
 * error fails the burst naming it and its place, and leaves the model usable. On the small director.
 */
@Tag("system")
class CsrBurstTest {
    private static final Path LIB = DirectorModel.library(DirectorParams.small(), false);

    private static DirectorSim sim() {
        return DirectorSim.create(LIB, new SimOptions(1, 10_000, 250, SimOptions.EgressMode.LINE, 0, 1_000_000));
    }

    @Test
    void aBurstReadsWhatSingleReadsReadInACycleEach() {
        try (DirectorSim s = sim()) {
            Registers regs = new Registers(s);
            int ports = DirectorParams.small().ports();
            // registers with values of their own: the routes (LID l to port l mod ports), SL-to-VL tables, ID, parameters
            for (int l = 1; l <= 40; l++) regs.route(l, l % ports);
            for (int in = 0; in < ports; in++) regs.sl2vl(in, (in + 3) % ports, 0x76543210L + in);
            List<Long> a = new ArrayList<>(List.of((long) CsrMap.IdAddr(), (long) CsrMap.ParamsAddr()));
            for (int l = 1; l <= 40; l++) a.add((long) CsrMap.lftAddr(l));
            for (int in = 0; in < ports; in++) a.add((long) CsrMap.sl2vlAddr(in, (in + 3) % ports));
            for (int p = 0; p < ports; p++)
                for (int k = 0; k < CsrMap.counterCount(); k++) a.add((long) CsrMap.counterAddr(p, k));
            for (int p = 0; p < ports; p++)
                for (int k = 0; k < 4; k++) a.add((long) CsrMap.vlCounterAddr(p, p % 8, k));
            long[] addrs = a.stream().mapToLong(Long::longValue).toArray();

            long c0 = s.status().cycle();
            long[] one = new long[addrs.length];
            for (int i = 0; i < addrs.length; i++) one[i] = s.csrRead(addrs[i]);
            long c1 = s.status().cycle();
            long[] burst = s.csrReads(addrs);
            long c2 = s.status().cycle();

            assertArrayEquals(one, burst);
            assertEquals(CsrMap.Id(), burst[0]);
            assertEquals(CsrMap.paramsWord(DirectorParams.small()), burst[1]);
            for (int l = 1; l <= 40; l++) assertNotEquals(0L, burst[1 + l], "the route of LID " + l);
            assertEquals(2L * addrs.length, c1 - c0, "one at a time: two cycles a read");
            assertEquals(addrs.length + 1L, c2 - c1, "a burst: a cycle a read and one for the last answer");
            assertEquals(0, s.csrReads(new long[0]).length);
            assertEquals(c2, s.status().cycle(), "an empty burst runs no cycle");
        }
    }

    @Test
    void anUnmappedAddressFailsTheBurstNamingItAndTheModelGoesOn() {
        try (DirectorSim s = sim()) {
            long unmapped = CsrMap.vlCounterAddr(0, 0, 6);  // no counter at offsets 5..15
            SimException single = assertThrows(SimException.class, () -> s.csrRead(unmapped));
            assertTrue(single.getMessage().contains(String.format("0x%06x", unmapped)), single.getMessage());
            SimException e = assertThrows(SimException.class,
                    () -> s.csrReads(new long[] {CsrMap.IdAddr(), unmapped, CsrMap.ParamsAddr()}));
            assertEquals(String.format("CSR read of 0x%06x: error response (unmapped address; read 2 of a burst of 3)", unmapped),
                    e.getMessage());
            assertArrayEquals(new long[] {CsrMap.Id(), CsrMap.paramsWord(DirectorParams.small())},
                    s.csrReads(new long[] {CsrMap.IdAddr(), CsrMap.ParamsAddr()}));
        }
    }
}
