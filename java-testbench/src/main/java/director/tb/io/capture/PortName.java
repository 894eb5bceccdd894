package director.tb.io.capture;

import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The port a capture file names: {@code port-NN} followed by nothing or by a dot and anything ({@code port-05.pcap},
 * {@code port-12.erf}, {@code port-3.pcapng}), as {@code --capture DIR} names its files. A name that counts only when
 * port NN exists and is of the kind the frames need ({@link CaptureImport}); otherwise frames are placed by their
 * addresses.
 */
final class PortName {
    private static final Pattern NAME = Pattern.compile("port-(\\d{1,6})(\\..*)?");

    private PortName() {
    }

    /** The port {@code file}'s name gives, or empty. */
    static OptionalInt of(Path file) {
        Path name = file.getFileName();
        Matcher m = NAME.matcher(name == null ? "" : name.toString());
        return m.matches() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }
}
