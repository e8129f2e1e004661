package org.dotlink.core.json;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds JSON text (RFC 8259) as UTF-8 bytes in a growable buffer. Written for the output hot loop:
 * Windows paths are full of backslashes, which send general-purpose generators down their slow
 * escaping path for every value; here escaping is one table lookup per character. The caller is
 * responsible for well-formed nesting; the writer only inserts commas between members.
 */
public final class JsonLineWriter {

    private static final byte[] HEX = "0123456789abcdef".getBytes();
    /** Field names repeat on every line: each is encoded once, up to a bound against unbounded input. */
    private static final int MAX_CACHED_NAMES = 4096;
    private static final ConcurrentHashMap<String, byte[]> NAMES = new ConcurrentHashMap<>();

    private byte[] buf;
    private int len;
    private char[] chars = new char[256];
    /** True when the next member or element needs a comma before it. */
    private boolean needComma;

    public JsonLineWriter(int initialCapacity) {
        buf = new byte[Math.max(64, initialCapacity)];
    }

    public JsonLineWriter startObject() {
        comma();
        put((byte) '{');
        needComma = false;
        return this;
    }

    public JsonLineWriter endObject() {
        put((byte) '}');
        needComma = true;
        return this;
    }

    public JsonLineWriter startArray() {
        comma();
        put((byte) '[');
        needComma = false;
        return this;
    }

    public JsonLineWriter endArray() {
        put((byte) ']');
        needComma = true;
        return this;
    }

    /** Writes {@code "name":}; the value call that follows writes no comma. */
    public JsonLineWriter name(String name) {
        comma();
        byte[] encoded = NAMES.get(name);
        if (encoded != null) {
            ensure(encoded.length);
            System.arraycopy(encoded, 0, buf, len, encoded.length);
            len += encoded.length;
        } else {
            int start = len;
            string(name);
            put((byte) ':');
            if (NAMES.size() < MAX_CACHED_NAMES) {
                NAMES.putIfAbsent(name, Arrays.copyOfRange(buf, start, len));
            }
        }
        needComma = false;
        return this;
    }

    public JsonLineWriter value(String s) {
        comma();
        if (s == null) {
            ascii("null");
        } else {
            string(s);
        }
        needComma = true;
        return this;
    }

    public JsonLineWriter value(long n) {
        comma();
        ascii(Long.toString(n));
        needComma = true;
        return this;
    }

    public JsonLineWriter value(boolean b) {
        comma();
        ascii(b ? "true" : "false");
        needComma = true;
        return this;
    }

    public JsonLineWriter nullValue() {
        comma();
        ascii("null");
        needComma = true;
        return this;
    }

    /** Ends the current line: a newline, and the next value starts without a comma. */
    public JsonLineWriter newline() {
        put((byte) '\n');
        needComma = false;
        return this;
    }

    public int size() {
        return len;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    /** Writes the text built so far to {@code out}, without copying it first. */
    public void writeTo(OutputStream out) throws IOException {
        out.write(buf, 0, len);
    }

    private void comma() {
        if (needComma) {
            put((byte) ',');
        }
    }

    private void string(String s) {
        int n = s.length();
        if (chars.length < n) {
            chars = new char[Math.max(n, chars.length * 2)];
        }
        s.getChars(0, n, chars, 0);
        ensure(n * 6 + 2); // worst case: six bytes per character (escaped control characters)
        byte[] b = buf;
        char[] c = chars;
        int p = len;
        b[p++] = '"';
        int i = 0;
        while (i < n) {
            // Fast path: plain ASCII needs no escaping and is copied as is.
            char ch = c[i];
            if (ch < 0x80 && JsonEscapes.of(ch) == 0) {
                b[p++] = (byte) ch;
                i++;
            } else {
                p = special(c, i, n, b, p);
                i += Character.isHighSurrogate(ch) && i + 1 < n && Character.isLowSurrogate(c[i + 1]) ? 2 : 1;
            }
        }
        b[p++] = '"';
        len = p;
    }

    /** Writes the character at {@code c[i]} that needs escaping or multi-byte UTF-8; returns the new position. */
    private static int special(char[] c, int i, int n, byte[] b, int p) {
        char ch = c[i];
        if (ch < 0x80) {
            byte e = JsonEscapes.of(ch);
            b[p++] = '\\';
            if (e == 'u') {
                b[p++] = 'u';
                b[p++] = '0';
                b[p++] = '0';
                b[p++] = HEX[ch >> 4];
                b[p++] = HEX[ch & 0xf];
            } else {
                b[p++] = e;
            }
        } else if (Character.isHighSurrogate(ch) && i + 1 < n && Character.isLowSurrogate(c[i + 1])) {
            int cp = Character.toCodePoint(ch, c[i + 1]);
            b[p++] = (byte) (0xf0 | cp >> 18);
            b[p++] = (byte) (0x80 | cp >> 12 & 0x3f);
            b[p++] = (byte) (0x80 | cp >> 6 & 0x3f);
            b[p++] = (byte) (0x80 | cp & 0x3f);
        } else if (Character.isSurrogate(ch)) {
            // A lone surrogate cannot be encoded in UTF-8; escape it so the text stays valid JSON.
            b[p++] = '\\';
            b[p++] = 'u';
            b[p++] = HEX[ch >> 12];
            b[p++] = HEX[ch >> 8 & 0xf];
            b[p++] = HEX[ch >> 4 & 0xf];
            b[p++] = HEX[ch & 0xf];
        } else {
            p = JsonEscapes.putUtf8(b, p, ch);
        }
        return p;
    }

    private void ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) s.charAt(i);
        }
    }

    private void put(byte b) {
        ensure(1);
        buf[len++] = b;
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(len + extra, buf.length * 2));
        }
    }
}
