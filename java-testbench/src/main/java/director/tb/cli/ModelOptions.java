package director.tb.cli;

import director.rtl.params.DirectorParams;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which model: a parameter profile and overrides of its parameters. Mixed into every subcommand that builds or runs
 * a model; the parameters' own rules (DirectorParams) reject a bad combination with a message naming the parameter.
 */
public final class ModelOptions {
    @Spec(Spec.Target.MIXEE) CommandSpec spec;

    @Option(names = "--profile", paramLabel = "NAME", defaultValue = "vp780", completionCandidates = ProfileHelp.Names.class,
            description = "parameter profile: ${COMPLETION-CANDIDATES} (see Profiles below) (default: ${DEFAULT-VALUE})")
    String profile;

    @Option(names = "--ports", paramLabel = "N",
            description = "override the port count; the profile's module ports stay the last ports (default: the profile's)")
    Integer ports;

    @Option(names = "--set", paramLabel = "NAME=VALUE",
            description = "override any parameter (names as 'director profiles' prints them), e.g. --set dataVls=4; "
                    + "repeatable; wins over --ports (default: none)")
    List<String> set = new ArrayList<>();

    /** The profile with --ports and every --set applied. */
    public DirectorParams params() {
        Map<String, String> overrides = new TreeMap<>();
        if (ports != null) overrides.put("ports", Integer.toString(ports));
        for (String kv : set) {
            int eq = kv.indexOf('=');
            if (eq <= 0) throw new ParameterException(spec.commandLine(), "--set: expected name=value, got '" + kv + "'");
            overrides.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
        }
        return DirectorParams.fromSpec(profile, overrides);
    }
}
