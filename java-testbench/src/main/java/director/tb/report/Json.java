package director.tb.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Reports as JSON, written by Jackson: maps (in their own key order: callers build LinkedHashMaps), lists, numbers,
 * strings, booleans and null, pretty printed ({@code "key": value}, two-space indent, arrays on one line). A double
 * or float that is not finite (NaN, an infinity: a rate over an empty window), also inside a double[], is written as
 * null, which every JSON reader takes (JSON has no NaN); a Path is its text as given.
 */
public final class Json {
    private Json() {}

    private static final ObjectMapper MAPPER = mapper();
    private static final ObjectWriter WRITER = MAPPER.writer(printer());

    /** The mapper behind {@link #write}, for a caller (or a test) that reads or writes JSON the same way. */
    public static ObjectMapper mapper() {
        SimpleModule m = new SimpleModule("director-report");
        m.addSerializer(Double.class, new FiniteDouble());
        m.addSerializer(Double.TYPE, new FiniteDouble());
        m.addSerializer(Float.class, new FiniteFloat());
        m.addSerializer(Float.TYPE, new FiniteFloat());
        m.addSerializer(double[].class, new FiniteDoubles());
        m.addSerializer(Path.class, new ToStringSerializer(Path.class));
        return new ObjectMapper()
                .registerModule(m)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    /** Objects one member a line, two spaces a level, {@code "key": value}; arrays on one line ({@code [ 1, 2 ]}). */
    private static DefaultPrettyPrinter printer() {
        DefaultPrettyPrinter p = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        p.indentObjectsWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
        return p;
    }

    /** {@code v} as pretty-printed JSON, with a final newline. */
    public static String write(Object v) {
        try {
            return WRITER.writeValueAsString(v) + "\n";
        } catch (JsonProcessingException e) {
            // only values Jackson cannot serialize get here (a cycle, a failing getter): a defect of the caller
            throw new UncheckedIOException("report is not writable as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static final class FiniteDouble extends JsonSerializer<Double> {
        @Override
        public void serialize(Double d, JsonGenerator g, SerializerProvider p) throws IOException {
            if (Double.isFinite(d)) g.writeNumber(d);
            else g.writeNull();
        }
    }

    private static final class FiniteDoubles extends JsonSerializer<double[]> {
        @Override
        public void serialize(double[] a, JsonGenerator g, SerializerProvider p) throws IOException {
            g.writeStartArray(a, a.length);
            for (double d : a) {
                if (Double.isFinite(d)) g.writeNumber(d);
                else g.writeNull();
            }
            g.writeEndArray();
        }
    }

    private static final class FiniteFloat extends JsonSerializer<Float> {
        @Override
        public void serialize(Float f, JsonGenerator g, SerializerProvider p) throws IOException {
            if (Float.isFinite(f)) g.writeNumber(f);
            else g.writeNull();
        }
    }
}
