package org.dotlink.core.json;

/** How JSON strings are encoded (RFC 8259, UTF-8), for the writers that encode by hand. */
public final class JsonEscapes {

    /** For ASCII characters: 0 = copy as is, 'u' = \\u00XX, otherwise the letter after a backslash. */
    private static final byte[] ESCAPE = new byte[128];

    static {
        for (int c = 0; c < 0x20; c++) {
            ESCAPE[c] = 'u';
        }
        ESCAPE['"'] = '"';
        ESCAPE['\\'] = '\\';
        ESCAPE['\n'] = 'n';
        ESCAPE['\r'] = 'r';
        ESCAPE['\t'] = 't';
        ESCAPE['\b'] = 'b';
        ESCAPE['\f'] = 'f';
    }

    private JsonEscapes() {}

    /** For an ASCII character: 0 when it is written as is, 'u' for \\u00XX, otherwise the letter after a backslash. */
    public static byte of(char ascii) {
        return ESCAPE[ascii];
    }

    /** Writes a character of 0x80 or more that is not a surrogate as UTF-8 (two or three bytes); returns the new position. */
    public static int putUtf8(byte[] b, int p, char ch) {
        if (ch < 0x800) {
            b[p++] = (byte) (0xc0 | ch >> 6);
            b[p++] = (byte) (0x80 | ch & 0x3f);
        } else {
            b[p++] = (byte) (0xe0 | ch >> 12);
            b[p++] = (byte) (0x80 | ch >> 6 & 0x3f);
            b[p++] = (byte) (0x80 | ch & 0x3f);
        }
        return p;
    }
}
