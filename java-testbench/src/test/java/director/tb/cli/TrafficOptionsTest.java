package director.tb.cli;

import director.rtl.params.DirectorParams;
import director.tb.stim.TrafficSpec;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which pattern the traffic options choose when --pattern is left out: faulty frames are never silently dropped
  * from the plan (the balanced pattern sends none, so asking for them chooses uniform, as --mix does). */
@Tag("fast")
class TrafficOptionsTest {
    @Command(name = "t")
    static final class Holder {
        @Mixin TrafficOptions traffic;
    }

    private static TrafficSpec spec(String profile, String... args) {
        Holder h = new Holder();
        new CommandLine(h).parseArgs(args);
        return h.traffic.spec(DirectorParams.fromSpec(profile, Map.of()));
    }

    @Test
    void aGatewayProfileIsBalancedUnlessFaultyFramesOrAMixAreAskedFor() {
        assertEquals(TrafficSpec.Pattern.BALANCED, spec("gateway").pattern());
        for (String option : new String[] {"--unknown", "--runt", "--oversize", "--corrupt"}) {
            TrafficSpec t = spec("gateway", option, "0.05");
            assertEquals(TrafficSpec.Pattern.UNIFORM, t.pattern(), option);
        }
        assertEquals(TrafficSpec.Pattern.UNIFORM, spec("gateway", "--mix", "eth=0.5,fc=0.5").pattern());
        assertEquals(TrafficSpec.Pattern.UNIFORM, spec("small", "--runt", "0.05").pattern());
        assertEquals(TrafficSpec.Pattern.BALANCED, spec("vp780", "--runt", "0").pattern());
    }
}
