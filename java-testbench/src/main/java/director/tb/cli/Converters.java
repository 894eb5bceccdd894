package director.tb.cli;

import director.tb.run.RunConfig;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * How option values become numbers, and the ranges options allow. A converter's message says what is wrong with the
 * value ({@code 'ten' is not an integer}, {@code must be positive, got -5}); {@link ErrorHandler} puts the option's
 * name in front of it, so every such error is one line naming the option and the value.
 */
final class Converters {
    private Converters() {}

    /** Registers the number parsers every option of every subcommand uses (integers may be written 200_000). */
    static void registerDefaults(CommandLine cl) {
        cl.registerConverter(Long.class, Converters::parseLong).registerConverter(long.class, Converters::parseLong);
        cl.registerConverter(Integer.class, Converters::parseInt).registerConverter(int.class, Converters::parseInt);
        cl.registerConverter(Double.class, Converters::parseDouble).registerConverter(double.class, Converters::parseDouble);
    }

    static long parseLong(String s) {
        try {
            return Long.parseLong(s.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + s + "' is not an integer");
        }
    }

    static int parseInt(String s) {
        long v = parseLong(s);
        if (v != (int) v) throw new TypeConversionException("'" + s + "' is out of range");
        return (int) v;
    }

    static double parseDouble(String s) {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + s + "' is not a number");
        }
    }

    /** A count that must be above 0: --cycles, --watchdog. */
    static final class PositiveLong implements ITypeConverter<Long> {
        @Override public Long convert(String s) {
            long v = parseLong(s);
            if (v <= 0) throw new TypeConversionException("must be positive, got " + s);
            return v;
        }
    }

    /** A cycle number or seed: 0 or more. */
    static final class NonNegativeLong implements ITypeConverter<Long> {
        @Override public Long convert(String s) {
            long v = parseLong(s);
            if (v < 0) throw new TypeConversionException("must not be negative, got " + s);
            return v;
        }
    }

    /** A count that must be above 0: --batch, --repetitions. */
    static final class PositiveInt implements ITypeConverter<Integer> {
        @Override public Integer convert(String s) {
            int v = parseInt(s);
            if (v <= 0) throw new TypeConversionException("must be positive, got " + s);
            return v;
        }
    }

    /** 0 or more: --iterations (0 = leave the hardware's reset value). */
    static final class NonNegativeInt implements ITypeConverter<Integer> {
        @Override public Integer convert(String s) {
            int v = parseInt(s);
            if (v < 0) throw new TypeConversionException("must not be negative, got " + s);
            return v;
        }
    }

    /** A rate above 0: --line-gbps. */
    static final class PositiveDouble implements ITypeConverter<Double> {
        @Override public Double convert(String s) {
            double v = parseDouble(s);
            if (!(v > 0 && v < Double.POSITIVE_INFINITY)) throw new TypeConversionException("must be positive, got " + s);
            return v;
        }
    }

    /** A share of frames in [0, 1]: --unknown, --runt, --oversize, --corrupt. */
    static final class Fraction implements ITypeConverter<Double> {
        @Override public Double convert(String s) {
            double v = parseDouble(s);
            if (!(v >= 0 && v <= 1)) throw new TypeConversionException("must be in [0, 1], got " + s);
            return v;
        }
    }

    /** Offered load, a fraction of the line rate in (0, 1]. */
    static final class Load implements ITypeConverter<Double> {
        @Override public Double convert(String s) {
            double v = parseDouble(s);
            if (!(v > 0 && v <= 1)) throw new TypeConversionException("must be in (0, 1], got " + s);
            return v;
        }
    }

    /** --sl2vl: zero, mod8 or random. */
    static final class Sl2Vl implements ITypeConverter<RunConfig.Sl2VlPlan> {
        @Override public RunConfig.Sl2VlPlan convert(String s) {
            return switch (s.trim()) {
                case "zero" -> RunConfig.Sl2VlPlan.ZERO;
                case "mod8" -> RunConfig.Sl2VlPlan.MOD8;
                case "random" -> RunConfig.Sl2VlPlan.RANDOM;
                default -> throw new TypeConversionException("unknown plan '" + s + "' (zero, mod8, random)");
            };
        }
    }
}
