package org.dotlink.cli.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.dotlink.store.Column;
import org.dotlink.store.RawJson;
import org.dotlink.store.RowSink;

/**
 * A query result as JSON lines: one object per row, its keys the column names in order. Numbers and
 * booleans are JSON numbers and booleans (NaN and infinities, which JSON lacks, are strings), timestamps
 * ISO-8601 UTC strings, lists arrays, maps and structs objects, {@code JSON} values embedded as JSON,
 * blobs uppercase hex strings. Rows are written as they arrive.
 */
public final class QueryJson implements RowSink {

    private static final JsonFactory JSON = new JsonFactory();

    private final Writer out;
    private final JsonGenerator g;
    private List<Column> columns = List.of();

    public QueryJson(Writer out) {
        this.out = out;
        try {
            g = JSON.createGenerator(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        g.setRootValueSeparator(null);
    }

    @Override
    public void columns(List<Column> columns) {
        this.columns = columns;
    }

    @Override
    public void row(List<Object> values) {
        try {
            g.writeStartObject();
            for (int i = 0; i < columns.size(); i++) {
                g.writeFieldName(columns.get(i).name());
                value(g, values.get(i));
            }
            g.writeEndObject();
            g.flush();
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes one query value as JSON. */
    static void value(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof BigInteger n) {
            g.writeNumber(n);
        } else if (v instanceof BigDecimal n) {
            g.writeNumber(n);
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isFinite(d)) {
                g.writeNumber(d);
            } else {
                g.writeString(Double.toString(d));
            }
        } else if (v instanceof RawJson j) {
            g.writeRawValue(j.text());
        } else if (v instanceof List<?> list) {
            g.writeStartArray();
            for (Object element : list) {
                value(g, element);
            }
            g.writeEndArray();
        } else if (v instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                value(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof byte[] b) {
            g.writeString(HexFormat.of().withUpperCase().formatHex(b));
        } else {
            g.writeString(v.toString());
        }
    }
}
