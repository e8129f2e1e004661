package org.dotlink.cli.hunt;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.dotlink.core.Story;

/**
 * Writes {@code stories.json} as bytes, laid out exactly as Jackson's default pretty printer lays out the
 * same document ({@code StoryOutputTest} compares the two): objects one member a line, indented by two
 * spaces per object level, {@code "name" : value}; arrays on one line, {@code [ a, b ]}, {@code [ ]} when
 * empty, objects inside them as {@code [ {} , {} ]} without their own level; strings escaped as Jackson's
 * UTF-8 generator escapes them (control characters, {@code "} and {@code \}; every surrogate as
 * {@code \}{@code uXXXX}, upper-case hexadecimal). A hunt's stories.json holds every finding of the run
 * (hundreds of MB); written this way it costs a fraction of what the general-purpose serializer does.
 */
final class StoriesJson {

    private static final byte[] HEX = "0123456789ABCDEF".getBytes();
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

    private final OutputStream out;
    private byte[] buf = new byte[1 << 16];
    private int len;
    private char[] chars = new char[256];

    private StoriesJson(OutputStream out) {
        this.out = out;
    }

    /** Writes the document {@code {"findings": N, "stories_total": N, "stories": [...]}} to {@code out}. */
    static void write(OutputStream out, List<Story> stories, long findings) throws IOException {
        StoriesJson w = new StoriesJson(out);
        w.raw("{\n  \"findings\" : ");
        w.raw(Long.toString(findings));
        w.raw(",\n  \"stories_total\" : ");
        w.raw(Integer.toString(stories.size()));
        w.raw(",\n  \"stories\" : ");
        if (stories.isEmpty()) {
            w.raw("[ ]");
        } else {
            w.raw("[ ");
            for (int i = 0; i < stories.size(); i++) {
                if (i > 0) {
                    w.raw(", ");
                }
                w.story(stories.get(i));
            }
            w.raw(" ]");
        }
        w.raw("\n}");
        w.flush();
    }

    private void story(Story s) throws IOException {
        raw("{\n    \"id\" : ");
        string(s.id());
        raw(",\n    \"score\" : ");
        number(s.score());
        raw(",\n    \"hosts\" : ");
        strings(s.hosts());
        raw(",\n    \"users\" : ");
        strings(s.users());
        raw(",\n    \"first_seen\" : ");
        string(s.firstSeen());
        raw(",\n    \"last_seen\" : ");
        string(s.lastSeen());
        raw(",\n    \"tactics\" : ");
        strings(s.tactics());
        raw(",\n    \"techniques\" : ");
        strings(s.techniques());
        raw(",\n    \"software\" : ");
        strings(s.software());
        raw(",\n    \"indicators\" : ");
        strings(s.indicators());
        raw(",\n    \"findings\" : ");
        List<Story.FindingRef> refs = s.findings();
        if (refs.isEmpty()) {
            raw("[ ]");
        } else {
            raw("[ ");
            for (int i = 0; i < refs.size(); i++) {
                Story.FindingRef f = refs.get(i);
                raw(i == 0 ? "{\n      \"key\" : " : ", {\n      \"key\" : ");
                string(f.key());
                raw(",\n      \"time\" : ");
                string(f.time());
                raw(",\n      \"host\" : ");
                string(f.host());
                raw(",\n      \"rule_id\" : ");
                string(f.ruleId());
                raw(",\n      \"rule_title\" : ");
                string(f.ruleTitle());
                raw(",\n      \"level\" : ");
                string(f.level());
                raw(",\n      \"source\" : ");
                string(f.source());
                raw(",\n      \"record_id\" : ");
                raw(Long.toString(f.recordId()));
                raw("\n    }");
            }
            raw(" ]");
        }
        raw(",\n    \"links\" : ");
        List<Story.Link> links = s.links();
        if (links.isEmpty()) {
            raw("[ ]");
        } else {
            raw("[ ");
            for (int i = 0; i < links.size(); i++) {
                Story.Link l = links.get(i);
                raw(i == 0 ? "{\n      \"from\" : " : ", {\n      \"from\" : ");
                string(l.from());
                raw(",\n      \"to\" : ");
                string(l.to());
                raw(",\n      \"kind\" : ");
                string(l.kind());
                raw(",\n      \"entity\" : ");
                string(l.entity());
                raw(",\n      \"reason\" : ");
                string(l.reason());
                raw("\n    }");
            }
            raw(" ]");
        }
        raw("\n  }");
    }

    private void strings(List<String> values) throws IOException {
        if (values.isEmpty()) {
            raw("[ ]");
            return;
        }
        raw("[ ");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                raw(", ");
            }
            string(values.get(i));
        }
        raw(" ]");
    }

    /** A double as Jackson writes it by default: {@link Double#toString}, non-finite values quoted. */
    private void number(double d) throws IOException {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            raw("\"" + d + "\"");
        } else {
            raw(Double.toString(d));
        }
    }

    private void string(String s) throws IOException {
        if (s == null) {
            raw("null");
            return;
        }
        int n = s.length();
        if (chars.length < n) {
            chars = new char[Math.max(n, chars.length * 2)];
        }
        s.getChars(0, n, chars, 0);
        if (len + n * 6 + 2 > buf.length) {
            flush();
            if (n * 6 + 2 > buf.length) {
                buf = new byte[n * 6 + 2];
            }
        }
        byte[] b = buf;
        char[] c = chars;
        int p = len;
        b[p++] = '"';
        for (int i = 0; i < n; i++) {
            char ch = c[i];
            if (ch < 0x80) {
                byte e = ESCAPE[ch];
                if (e == 0) {
                    b[p++] = (byte) ch;
                } else if (e == 'u') {
                    p = escape(b, p, ch);
                } else {
                    b[p++] = '\\';
                    b[p++] = e;
                }
            } else if (ch < 0x800) {
                b[p++] = (byte) (0xc0 | ch >> 6);
                b[p++] = (byte) (0x80 | ch & 0x3f);
            } else if (Character.isSurrogate(ch)) {
                p = escape(b, p, ch);
            } else {
                b[p++] = (byte) (0xe0 | ch >> 12);
                b[p++] = (byte) (0x80 | ch >> 6 & 0x3f);
                b[p++] = (byte) (0x80 | ch & 0x3f);
            }
        }
        b[p++] = '"';
        len = p;
    }

    private static int escape(byte[] b, int p, char ch) {
        b[p++] = '\\';
        b[p++] = 'u';
        b[p++] = HEX[ch >> 12];
        b[p++] = HEX[ch >> 8 & 0xf];
        b[p++] = HEX[ch >> 4 & 0xf];
        b[p++] = HEX[ch & 0xf];
        return p;
    }

    /** ASCII text, as is. */
    private void raw(String s) throws IOException {
        int n = s.length();
        if (len + n > buf.length) {
            flush();
            if (n > buf.length) {
                for (int i = 0; i < n; i++) {
                    put((byte) s.charAt(i));
                }
                return;
            }
        }
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) s.charAt(i);
        }
    }

    private void put(byte b) throws IOException {
        if (len == buf.length) {
            flush();
        }
        buf[len++] = b;
    }

    private void flush() throws IOException {
        out.write(buf, 0, len);
        len = 0;
    }
}
