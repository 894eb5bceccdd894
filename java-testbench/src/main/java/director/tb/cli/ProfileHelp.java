package director.tb.cli;

import director.rtl.params.DirectorParams;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The "Profiles" section of the help, written from {@link DirectorParams#profiles()} when the help is printed, so
 * what the help says about a profile (its ports, their kinds, line rate, VLs) is what the profile is.
 */
final class ProfileHelp {
    private ProfileHelp() {}

    static final String SECTION = "profiles";

    /** The profiles by name, sorted. */
    static Map<String, DirectorParams> profiles() {
        return new TreeMap<>(scala.jdk.javaapi.CollectionConverters.asJava(DirectorParams.profiles()));
    }

    /** Profile names, for {@code ${COMPLETION-CANDIDATES}} in --profile's description. */
    static final class Names implements Iterable<String> {
        @Override public java.util.Iterator<String> iterator() { return profiles().keySet().iterator(); }
    }

    /** One profile in words: {@code 5 InfiniBand host ports + 2 x 10GbE + 1 x FC, 10 Gb/s, 8 data VLs}. */
    static String summary(DirectorParams p) {
        List<String> kinds = new ArrayList<>();
        kinds.add(p.hostPorts() + " InfiniBand host ports");
        if (p.ethPorts().size() > 0) kinds.add(p.ethPorts().size() + " x 10GbE");
        if (p.fcPorts().size() > 0) kinds.add(p.fcPorts().size() + " x FC");
        return String.format(Locale.ROOT, "%s, %s Gb/s, %d data VLs", String.join(" + ", kinds), number(p.lineGbps()), p.dataVls());
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** The section's text. */
    static String text() {
        StringBuilder sb = new StringBuilder(String.format("%nProfiles (--profile NAME; every parameter: director profiles):%n"));
        for (Map.Entry<String, DirectorParams> e : profiles().entrySet())
            sb.append(String.format("  %-8s %s%n", e.getKey(), summary(e.getValue())));
        return sb.toString();
    }

    /** Adds the section to the help of {@code cl} and of its subcommands, after the options and before the exit codes. */
    static void addTo(CommandLine cl) {
        Map<String, CommandLine.IHelpSectionRenderer> sections = new java.util.HashMap<>(cl.getHelpSectionMap());
        sections.put(SECTION, help -> text());
        List<String> keys = new ArrayList<>(cl.getHelpSectionKeys());
        keys.add(keys.indexOf(CommandLine.Model.UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST_HEADING), SECTION);
        cl.setHelpSectionMap(sections);  // both setters apply to the subcommands too
        cl.setHelpSectionKeys(keys);
    }
}
