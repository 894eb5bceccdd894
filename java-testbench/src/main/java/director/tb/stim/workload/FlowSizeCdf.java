package director.tb.stim.workload;

import director.tb.io.InputError;
import director.tb.io.TextFiles;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A flow-size distribution given by points of its cumulative distribution function, as published for data-centre
 * workloads (workloads/*.cdf: websearch = DCTCP's web search, hadoop = Facebook's Hadoop cluster), with flow sizes in
 * bytes: the numbers only make sense as bytes (websearch reaches 30,000,000, the DCTCP paper's largest flows of about
 * 30 MB; hadoop's median of 700 is a few hundred bytes, not 700 packets).
 *
 * <p>File format: plain text, one point a line, {@code value cdf} separated by spaces or tabs (not CSV); {@code #}
 * starts a comment, blank lines are skipped. value = a flow size in bytes (&gt;= 0, non-decreasing down the file; a
 * value repeated with a higher cdf is a point mass: that many flows have exactly that size). cdf = the share of flows
 * of at most that size, non-decreasing, either in percent (the last point 100) or as a fraction (the last point 1).
 * A first point with a cdf above 0 is a point mass at the first value. At least two points.
 *
 * <p>Between points the CDF is linear: a sample is drawn by inverse transform with linear interpolation, and
 * {@link #mean()} is the mean of that piecewise-linear distribution.
 */
public final class FlowSizeCdf {
    private final String file;
    private final double[] values;
    /** Cumulative shares as fractions 0..1, the last exactly 1. */
    private final double[] cdf;
    private final boolean percent;
    private final double mean;

    private FlowSizeCdf(String file, double[] values, double[] cdf, boolean percent) {
        this.file = file;
        this.values = values;
        this.cdf = cdf;
        this.percent = percent;
        double m = cdf[0] * values[0];
        for (int i = 1; i < values.length; i++) m += (cdf[i] - cdf[i - 1]) * (values[i - 1] + values[i]) / 2;
        this.mean = m;
    }

    /**
     * Reads a {@code .cdf} file.
     *
     * @throws InputError naming the file, the line and the field (value, cdf) for a number that is not one, a
     *                    negative or decreasing value, a cdf below 0 or decreasing, a line without exactly two
     *                    fields, a last cdf that is neither 100 nor 1, fewer than two points, or an unreadable file
     */
    public static FlowSizeCdf read(Path file) {
        String text;
        try {
            text = TextFiles.readUtf8(file);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new InputError(file.toString(), "cannot read the flow-size CDF: " + e.getMessage());
        }
        return parse(file.toString(), text);
    }

    /** Parses the text of a {@code .cdf} file; {@code file} names it in messages. Errors as {@link #read}. */
    public static FlowSizeCdf parse(String file, String text) {
        List<double[]> points = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        String[] rows = text.split("\r?\n|\r", -1);
        for (int i = 0; i < rows.length; i++) {
            String line = rows[i];
            int hash = line.indexOf('#');
            if (hash >= 0) line = line.substring(0, hash);
            line = line.strip();
            if (line.isEmpty()) continue;
            String where = "line " + (i + 1);
            String[] f = line.split("[ \t]+");
            if (f.length != 2)
                throw new InputError(file, where, null, f.length + " fields, expected 2: value (flow size in bytes) and cdf");
            double v = number(file, where, "value", f[0]);
            double c = number(file, where, "cdf", f[1]);
            if (v < 0) throw new InputError(file, where, "value", f[0] + " is negative (a flow size in bytes)");
            if (c < 0) throw new InputError(file, where, "cdf", f[1] + " is below 0");
            if (!points.isEmpty()) {
                double[] prev = points.get(points.size() - 1);
                if (v < prev[0])
                    throw new InputError(file, where, "value", f[0] + " is below the previous point's " + plain(prev[0])
                            + " (values must not decrease)");
                if (c < prev[1])
                    throw new InputError(file, where, "cdf", f[1] + " is below the previous point's " + plain(prev[1])
                            + " (a CDF never decreases)");
            }
            points.add(new double[] {v, c});
            lines.add(i + 1);
        }
        if (points.size() < 2)
            throw new InputError(file, points.size() + (points.size() == 1 ? " point" : " points")
                    + ": a flow-size CDF needs at least 2 (lines of 'value cdf')");
        double last = points.get(points.size() - 1)[1];
        if (last != 100 && last != 1)
            throw new InputError(file, "line " + lines.get(lines.size() - 1), "cdf", "the last point is " + plain(last)
                    + ", a CDF ends at 100 (percent) or 1 (fraction)");
        if (points.get(points.size() - 1)[0] == 0)
            throw new InputError(file, "line " + lines.get(lines.size() - 1), "value",
                    "the largest flow size is 0: no flow would carry a byte");
        double[] values = new double[points.size()], cdf = new double[points.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = points.get(i)[0];
            cdf[i] = points.get(i)[1] / last;
        }
        cdf[cdf.length - 1] = 1.0;
        return new FlowSizeCdf(file, values, cdf, last == 100);
    }

    private static double number(String file, String where, String field, String text) {
        try {
            double d = new BigDecimal(text).doubleValue();   // strict: no NaN, Infinity, hex or type suffixes
            if (Double.isFinite(d)) return d;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InputError(file, where, field, "'" + text + "' is not a number");
    }

    private static String plain(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    /**
     * A flow size in bytes by inverse transform: u uniform in [0, 1), the value where the piecewise-linear CDF reaches
     * u, rounded to the nearest byte. Uses one {@code nextDouble()} of {@code r}.
     */
    public long sample(SplittableRandom r) {
        double u = r.nextDouble();
        int i = Arrays.binarySearch(cdf, u);
        // the first point whose cdf is above u (on an exact hit, past every point with that cdf)
        if (i >= 0) {
            while (i < cdf.length && cdf[i] <= u) i++;
        } else {
            i = -i - 1;
        }
        if (i == 0) return Math.round(values[0]);
        double span = cdf[i] - cdf[i - 1];
        return Math.round(values[i - 1] + (u - cdf[i - 1]) / span * (values[i] - values[i - 1]));
    }

    /** The mean flow size in bytes of the piecewise-linear distribution. */
    public double mean() { return mean; }

    /** Smallest flow size (bytes). */
    public double min() { return values[0]; }

    /** Largest flow size (bytes). */
    public double max() { return values[values.length - 1]; }

    /** Points in the file. */
    public int points() { return values.length; }

    /** The file as given (for messages). */
    public String file() { return file; }

    /** The file's name without its folder. */
    public String name() {
        int slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf(java.io.File.separatorChar));
        return file.substring(slash + 1);
    }

    /** Whether the file gave the cdf in percent (else as fractions). */
    public boolean percent() { return percent; }

    /** {@code hadoop.cdf (20 points, 0..10000000 B, mean 120421 B)}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (%d points, %s..%s B, mean %.0f B)", name(), points(), plain(min()),
                plain(max()), mean);
    }
}
