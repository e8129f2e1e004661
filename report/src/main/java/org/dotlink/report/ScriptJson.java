package org.dotlink.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * JSON that is safe inside an HTML {@code <script type="application/json">} element: {@code <}, {@code >},
 * {@code &} and the line separators U+2028 and U+2029 are written as {@code \}{@code uXXXX} escapes, so that
 * no value can close the element ({@code </script>}), open a comment ({@code <!--}) or start markup, and
 * the text parses back with {@code JSON.parse} to exactly the original strings. Outside strings JSON has
 * none of these characters, so escaping the serialized text changes only string contents. The text is
 * escaped as the serializer writes it, so a report's tens of MB are never held as one string.
 */
public final class ScriptJson {

    private static final JsonMapper JSON = JsonMapper.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    private ScriptJson() {}

    /** The value serialized and escaped for embedding. */
    public static String of(Object value) {
        StringWriter out = new StringWriter();
        try {
            write(out, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    /** Writes the value serialized and escaped for embedding to {@code out}, which is left open. */
    public static void write(Writer out, Object value) throws IOException {
        try {
            JSON.writeValue(new Escaping(out), value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serializable as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Passes text on with the five characters escaped; flushing or closing it flushes what it wraps and closes nothing. */
    private static final class Escaping extends FilterWriter {

        Escaping(Writer out) {
            super(out);
        }

        @Override
        public void write(int c) throws IOException {
            String escaped = escaped((char) c);
            if (escaped != null) {
                out.write(escaped);
            } else {
                out.write(c);
            }
        }

        @Override
        public void write(char[] text, int off, int len) throws IOException {
            int from = off;
            for (int i = off; i < off + len; i++) {
                String escaped = escaped(text[i]);
                if (escaped != null) {
                    out.write(text, from, i - from);
                    out.write(escaped);
                    from = i + 1;
                }
            }
            out.write(text, from, off + len - from);
        }

        @Override
        public void write(String text, int off, int len) throws IOException {
            char[] chars = new char[len];
            text.getChars(off, off + len, chars, 0);
            write(chars, 0, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }

        private static String escaped(char c) {
            return switch (c) {
                case '<' -> "\\u003c";
                case '>' -> "\\u003e";
                case '&' -> "\\u0026";
                case '\u2028' -> "\\u2028";
                case '\u2029' -> "\\u2029";
                default -> null;
            };
        }
    }
}
