package org.dotlink.core.json;

/** How JSON writes each ASCII character inside a string (RFC 8259), for the writers that encode by hand. */
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
}
