package org.dotlink.cli.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.dotlink.store.RawJson;

/**
 * Query values (as {@link org.dotlink.store.QueryResult} describes them) as text for the table and
 * CSV outputs: strings, numbers and booleans as they are, timestamps as ISO-8601 UTC
 * ({@code 2019-08-14T14:06:44.495674Z}), {@code JSON} values as their JSON text, lists and maps as JSON,
 * blobs as uppercase hex; null as null (each output writes it its own way).
 */
public final class ValueText {

    private static final JsonFactory JSON = new JsonFactory();

    private ValueText() {}

    public static String of(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof RawJson j) {
            return j.text();
        }
        if (v instanceof byte[] b) {
            return HexFormat.of().withUpperCase().formatHex(b);
        }
        if (v instanceof List<?> || v instanceof Map<?, ?>) {
            StringWriter w = new StringWriter();
            try (JsonGenerator g = JSON.createGenerator(w)) {
                QueryJson.value(g, v);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return w.toString();
        }
        return v.toString();
    }
}
