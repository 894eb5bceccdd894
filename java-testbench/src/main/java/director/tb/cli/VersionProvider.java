package director.tb.cli;

import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** {@code director --version}: the testbench's Maven version, from the pom.properties Maven puts in the jar. */
final class VersionProvider implements IVersionProvider {
    static final String POM_PROPERTIES = "/META-INF/maven/director/java-testbench/pom.properties";

    @Override
    public String[] getVersion() throws IOException {
        try (InputStream in = VersionProvider.class.getResourceAsStream(POM_PROPERTIES)) {
            if (in == null) return new String[] {"director (version unknown: not run from the packaged jar)"};
            Properties p = new Properties();
            p.load(in);
            return new String[] {"director " + p.getProperty("version", "(no version in " + POM_PROPERTIES + ")")};
        }
    }
}
