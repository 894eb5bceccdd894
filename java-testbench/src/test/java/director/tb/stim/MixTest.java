package director.tb.stim;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** --mix: each share in [0, 1], the shares summing to 1; every refusal names the option, the shares and their sum. */
@Tag("fast")
class MixTest {
    private static String refused(String text) {
        String m = assertThrows(IllegalArgumentException.class, () -> Mix.parse(text)).getMessage();
        assertTrue(m.startsWith("--mix: "), m);
        assertFalse(m.contains("\n"), m);
        return m;
    }

    @Test
    void sharesSummingToOneAreTakenAsGiven() {
        Mix m = Mix.parse("eth=0.45,fc=0.45,ib=0.1");  // 0.9999999999999999 in doubles: within the tolerance
        assertEquals(0.45, m.eth(), 1e-12);
        assertEquals(0.45, m.fc(), 1e-12);
        assertEquals(0.1, m.ib(), 1e-12);
        assertEquals(1.0, m.eth() + m.fc() + m.ib(), 1e-15);
        assertEquals(new Mix(1, 0, 0), Mix.parse("eth=1"));
        assertEquals(new Mix(0, 1, 0), Mix.parse(" FC = 1 "));
        assertEquals(new Mix(0.6, 0.3, 0.1), Mix.parse("eth=0.6,fc=0.3,ib=0.1"));
        assertTrue(Mix.parse("ib=1").ibOnly());
    }

    @Test
    void sharesNotSummingToOneAreRefusedWithTheirSum() {
        String m = refused("eth=0.5,fc=0.9");
        assertTrue(m.contains("'eth=0.5,fc=0.9'") && m.contains("sum to 1.4, not 1"), m);
        m = refused("eth=0.2");
        assertTrue(m.contains("'eth=0.2'") && m.contains("sum to 0.2"), m);
        m = refused("eth=0,fc=0,ib=0");
        assertTrue(m.contains("sum to 0.0"), m);
    }

    @Test
    void aShareOutsideZeroToOneIsRefused() {
        assertTrue(refused("eth=1.5").contains("'eth=1.5': a share must be in [0, 1]"));
        assertTrue(refused("eth=-0.5,ib=1.5").contains("'eth=-0.5': a share must be in [0, 1]"));
        assertTrue(refused("eth=NaN,ib=1").contains("'eth=NaN'"));
    }

    @Test
    void malformedItemsAreNamed() {
        assertTrue(refused("eth=0.5,eth=0.5").contains("gives eth twice"));
        assertTrue(refused("atm=1").contains("unknown kind 'atm'"));
        assertTrue(refused("eth").contains("'eth' is not kind=share"));
        assertTrue(refused("eth=x").contains("'eth=x': 'x' is not a number"));
    }

    @Test
    void theConstructorChecksToo() {
        String m = assertThrows(IllegalArgumentException.class, () -> new Mix(0.5, 0.9, 0)).getMessage();
        assertTrue(m.contains("--mix") && m.contains("eth=0.5, fc=0.9, ib=0.0") && m.contains("sum 1.4"), m);
        m = assertThrows(IllegalArgumentException.class, () -> new Mix(2, -1, 0)).getMessage();
        assertTrue(m.contains("[0, 1]") && m.contains("eth=2.0"), m);
    }
}
