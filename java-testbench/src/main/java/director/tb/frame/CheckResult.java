package director.tb.frame;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Outcome of {@link IbPacket#check(byte[])}: which of the ingress checks failed.
 * When {@link Check#LENGTH} fails because the image is shorter than the smallest possible
 * packet, no other check is evaluated.
 */
public final class CheckResult {

    /** The individual checks, each tied to the field it concerns. */
    public enum Check {
        /** Image too short for LRH + BTH (+ DETH for UD) + ICRC + VCRC. */
        LENGTH("length"),
        /** LRH.LNH is not 2 (IBA local, BTH follows): the only kind supported. */
        LNH("LRH.LNH"),
        /** LRH.PktLen * 4 + 2 differs from the image length. */
        PKT_LEN("LRH.PktLen"),
        /** BTH.PadCnt larger than the bytes between the headers and the ICRC. */
        PAD_CNT("BTH.PadCnt"),
        /** Stored VCRC differs from the one computed over LRH..ICRC. */
        VCRC("VCRC"),
        /** Stored ICRC differs from the one computed over LRH..pad (variant fields masked). */
        ICRC("ICRC");

        private final String field;

        Check(String field) {
            this.field = field;
        }

        /** Field name, as used in {@link FrameException#field()}. */
        public String field() {
            return field;
        }
    }

    private final Set<Check> failed;

    CheckResult(Set<Check> failed) {
        this.failed = failed.isEmpty()
                ? Collections.unmodifiableSet(EnumSet.noneOf(Check.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(failed));
    }

    /** True when every check passed. */
    public boolean ok() {
        return failed.isEmpty();
    }

    /** True when the given check passed (or, after a LENGTH failure, was not evaluated). */
    public boolean passed(Check c) {
        return !failed.contains(c);
    }

    /** The failed checks. */
    public Set<Check> failed() {
        return failed;
    }

    /** Convenience: {@code passed(Check.VCRC)}. */
    public boolean vcrcOk() {
        return passed(Check.VCRC);
    }

    /** Convenience: {@code passed(Check.ICRC)}. */
    public boolean icrcOk() {
        return passed(Check.ICRC);
    }

    /** Field names of the failed checks, in {@link Check} order. */
    public List<String> failedFields() {
        List<String> out = new ArrayList<>();
        for (Check c : failed) {
            out.add(c.field());
        }
        return out;
    }

    @Override
    public String toString() {
        return ok() ? "CheckResult[ok]" : "CheckResult[failed=" + failedFields() + "]";
    }
}
