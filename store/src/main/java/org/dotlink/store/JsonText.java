package org.dotlink.store;

import java.util.List;
import java.util.Map;
import org.dotlink.core.Event;
import org.dotlink.core.EventRef;

/**
 * JSON text (RFC 8259) for the {@code JSON} columns: an event's fields as an object (a multi-valued
 * field as an array of strings, in order), a correlation's group-by values, its list of events.
 * Quotes, backslashes and control characters are escaped; other characters, non-ASCII included, are
 * written as they are, except lone surrogates, which become U+FFFD (DuckDB's JSON functions reject
 * them). One instance reuses its buffer and is not thread-safe.
 */
final class JsonText {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder b = new StringBuilder(2048);

    /** The event's fields as one JSON object. */
    String fields(Event e) {
        b.setLength(0);
        b.append('{');
        for (int i = 0; i < e.fieldCount(); i++) {
            if (i > 0) {
                b.append(',');
            }
            string(e.fieldName(i));
            b.append(':');
            Object v = e.fieldValue(i);
            if (v instanceof String s) {
                string(s);
            } else {
                b.append('[');
                String[] values = (String[]) v;
                for (int j = 0; j < values.length; j++) {
                    if (j > 0) {
                        b.append(',');
                    }
                    string(values[j]);
                }
                b.append(']');
            }
        }
        return b.append('}').toString();
    }

    /** String values as one JSON object, in the map's order. */
    String object(Map<String, String> values) {
        b.setLength(0);
        b.append('{');
        boolean first = true;
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (!first) {
                b.append(',');
            }
            first = false;
            string(e.getKey());
            b.append(':');
            if (e.getValue() == null) {
                b.append("null");
            } else {
                string(e.getValue());
            }
        }
        return b.append('}').toString();
    }

    /** Event references as a JSON array of {@code {"source":...,"record_id":...}} (null for an unknown id). */
    String refs(List<EventRef> refs) {
        b.setLength(0);
        b.append('[');
        for (int i = 0; i < refs.size(); i++) {
            EventRef r = refs.get(i);
            if (i > 0) {
                b.append(',');
            }
            b.append("{\"source\":");
            string(r.source());
            b.append(",\"record_id\":");
            if (r.recordId() < 0) {
                b.append("null");
            } else {
                b.append(r.recordId());
            }
            b.append('}');
        }
        return b.append(']').toString();
    }

    private void string(String s) {
        b.append('"');
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                control(c);
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    b.append(c).append(s.charAt(++i));
                } else {
                    b.append(Utf16.REPLACEMENT);
                }
            } else {
                b.append(c);
            }
        }
        b.append('"');
    }

    private void control(char c) {
        switch (c) {
            case '\n' -> b.append("\\n");
            case '\r' -> b.append("\\r");
            case '\t' -> b.append("\\t");
            case '\b' -> b.append("\\b");
            case '\f' -> b.append("\\f");
            default -> b.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
        }
    }
}
