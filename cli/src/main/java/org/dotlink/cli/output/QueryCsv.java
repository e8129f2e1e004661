package org.dotlink.cli.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import org.dotlink.store.Column;
import org.dotlink.store.RowSink;

/**
 * A query result as CSV (RFC 4180): a header row of column names, then one record per row; fields are
 * separated by commas, records end with CRLF, and a field holding a comma, a double quote, CR or LF is
 * enclosed in double quotes with its double quotes doubled. Null is an empty field; other values as
 * {@link ValueText}. Rows are written as they arrive.
 */
public final class QueryCsv implements RowSink {

    private final Writer out;

    public QueryCsv(Writer out) {
        this.out = out;
    }

    @Override
    public void columns(List<Column> columns) {
        record(columns.stream().map(c -> (Object) c.name()).toList());
    }

    @Override
    public void row(List<Object> values) {
        record(values);
    }

    private void record(List<Object> values) {
        try {
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                String text = ValueText.of(values.get(i));
                if (text != null) {
                    out.write(field(text));
                }
            }
            out.write("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One field, quoted when it must be. */
    static String field(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                return '"' + s.replace("\"", "\"\"") + '"';
            }
        }
        return s;
    }
}
