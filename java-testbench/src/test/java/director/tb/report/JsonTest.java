package director.tb.report;

import org.junit.jupiter.api.Tag;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The report's JSON writer: what it writes reads back as the same values, in the order given, with no NaN in it. */
@Tag("fast")
class JsonTest {
    private static final ObjectMapper READ = new ObjectMapper();

    @Test
    void keysKeepTheOrderTheMapGives() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String k : new String[] {"zeta", "alpha", "mu", "beta"}) m.put(k, k.length());
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = READ.readTree(Json.write(m)).fieldNames(); it.hasNext(); ) keys.add(it.next());
        assertEquals(List.of("zeta", "alpha", "mu", "beta"), keys);
    }

    @Test
    void valuesReadBackAsWritten() throws Exception {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("port", 3);
        inner.put("gbps", 9.875);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seed", 12345678901L);
        m.put("pass", true);
        m.put("fault", null);
        m.put("text", "quote \" backslash \\ newline \n tab \t bell \u0007 and é");
        m.put("path", Path.of("out", "r.json"));
        m.put("ports", List.of(inner, Map.of("port", 4)));
        m.put("empty", List.of());
        String s = Json.write(m);
        assertTrue(s.endsWith("}\n"), s);
        assertTrue(s.contains("\"seed\": 12345678901"), "\"key\": value, as before: " + s);
        JsonNode n = READ.readTree(s);
        assertEquals(12345678901L, n.get("seed").longValue());
        assertTrue(n.get("pass").booleanValue());
        assertTrue(n.get("fault").isNull());
        assertEquals(m.get("text"), n.get("text").textValue());
        assertEquals("out/r.json", n.get("path").textValue());
        assertEquals(3, n.get("ports").get(0).get("port").intValue());
        assertEquals(9.875, n.get("ports").get(0).get("gbps").doubleValue());
        assertEquals(4, n.get("ports").get(1).get("port").intValue());
        assertEquals(0, n.get("empty").size());
    }

    @Test
    void nonFiniteNumbersAreNull() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nan", Double.NaN);
        m.put("inf", Double.POSITIVE_INFINITY);
        m.put("neg_inf", Double.NEGATIVE_INFINITY);
        m.put("float_nan", Float.NaN);
        m.put("list", List.of(1.5, Double.NaN));
        m.put("array", new double[] {2.5, Double.POSITIVE_INFINITY});
        m.put("fine", 0.1);
        String s = Json.write(m);
        assertFalse(s.contains("NaN") || s.contains("Infinity"), s);
        JsonNode n = READ.readTree(s);
        for (String k : new String[] {"nan", "inf", "neg_inf", "float_nan"}) assertTrue(n.get(k).isNull(), k + " in " + s);
        assertEquals(1.5, n.get("list").get(0).doubleValue());
        assertTrue(n.get("list").get(1).isNull());
        assertEquals(2.5, n.get("array").get(0).doubleValue());
        assertTrue(n.get("array").get(1).isNull());
        assertEquals(0.1, n.get("fine").doubleValue());
    }
}
