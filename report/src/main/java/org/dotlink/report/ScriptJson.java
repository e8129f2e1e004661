package org.dotlink.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * JSON that is safe inside an HTML {@code <script type="application/json">} element: {@code <}, {@code >},
 * {@code &} and the line separators U+2028 and U+2029 are written as {@code \}{@code uXXXX} escapes, so that
 * no value can close the element ({@code </script>}), open a comment ({@code <!--}) or start markup, and
 * the text parses back with {@code JSON.parse} to exactly the original strings. Outside strings JSON has
 * none of these characters, so escaping the serialized text changes only string contents.
 */
public final class ScriptJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ScriptJson() {}

    /** The value serialized and escaped for embedding. */
    public static String of(Object value) {
        try {
            return escape(JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serializable as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Escapes serialized JSON text for embedding. */
    static String escape(String json) {
        StringBuilder sb = new StringBuilder(json.length() + 64);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<' -> sb.append("\\u003c");
                case '>' -> sb.append("\\u003e");
                case '&' -> sb.append("\\u0026");
                case '\u2028' -> sb.append("\\u2028");
                case '\u2029' -> sb.append("\\u2029");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
