package org.dotlink.cli.hunt;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.dotlink.core.Story;
import org.dotlink.core.json.JsonEscapes;

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
        w.raw(ascii("{\n  \"findings\" : " + findings + ",\n  \"stories_total\" : " + stories.size()
                + ",\n  \"stories\" : "));
        if (stories.isEmpty()) {
            w.raw(EMPTY);
        } else {
            for (int i = 0; i < stories.size(); i++) {
                w.raw(i == 0 ? OPEN : BETWEEN);
                w.story(stories.get(i));
            }
            w.raw(CLOSE);
        }
        w.raw(ascii("\n}"));
        w.flush();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    // the fixed parts, as bytes; kept in small methods so that the compiler has little to inline
    private static final byte[] EMPTY = ascii("[ ]");
    private static final byte[] OPEN = ascii("[ ");
    private static final byte[] BETWEEN = ascii(", ");
    private static final byte[] CLOSE = ascii(" ]");
    private static final byte[] STORY_ID = ascii("{\n    \"id\" : ");
    private static final byte[] SCORE = ascii(",\n    \"score\" : ");
    private static final byte[] HOSTS = ascii(",\n    \"hosts\" : ");
    private static final byte[] USERS = ascii(",\n    \"users\" : ");
    private static final byte[] FIRST_SEEN = ascii(",\n    \"first_seen\" : ");
    private static final byte[] LAST_SEEN = ascii(",\n    \"last_seen\" : ");
    private static final byte[] TACTICS = ascii(",\n    \"tactics\" : ");
    private static final byte[] TECHNIQUES = ascii(",\n    \"techniques\" : ");
    private static final byte[] SOFTWARE = ascii(",\n    \"software\" : ");
    private static final byte[] INDICATORS = ascii(",\n    \"indicators\" : ");
    private static final byte[] FINDINGS = ascii(",\n    \"findings\" : ");
    private static final byte[] LINKS = ascii(",\n    \"links\" : ");
    private static final byte[] STORY_END = ascii("\n  }");
    private static final byte[] KEY = ascii("{\n      \"key\" : ");
    private static final byte[] TIME = ascii(",\n      \"time\" : ");
    private static final byte[] HOST = ascii(",\n      \"host\" : ");
    private static final byte[] RULE_ID = ascii(",\n      \"rule_id\" : ");
    private static final byte[] RULE_TITLE = ascii(",\n      \"rule_title\" : ");
    private static final byte[] LEVEL = ascii(",\n      \"level\" : ");
    private static final byte[] SOURCE = ascii(",\n      \"source\" : ");
    private static final byte[] RECORD_ID = ascii(",\n      \"record_id\" : ");
    private static final byte[] FROM = ascii("{\n      \"from\" : ");
    private static final byte[] TO = ascii(",\n      \"to\" : ");
    private static final byte[] KIND = ascii(",\n      \"kind\" : ");
    private static final byte[] ENTITY = ascii(",\n      \"entity\" : ");
    private static final byte[] REASON = ascii(",\n      \"reason\" : ");
    private static final byte[] MEMBER_END = ascii("\n    }");
    private static final byte[] NULL = ascii("null");

    private void story(Story s) throws IOException {
        raw(STORY_ID);
        string(s.id());
        raw(SCORE);
        number(s.score());
        raw(HOSTS);
        strings(s.hosts());
        raw(USERS);
        strings(s.users());
        raw(FIRST_SEEN);
        string(s.firstSeen());
        raw(LAST_SEEN);
        string(s.lastSeen());
        raw(TACTICS);
        strings(s.tactics());
        raw(TECHNIQUES);
        strings(s.techniques());
        raw(SOFTWARE);
        strings(s.software());
        raw(INDICATORS);
        strings(s.indicators());
        raw(FINDINGS);
        List<Story.FindingRef> refs = s.findings();
        if (refs.isEmpty()) {
            raw(EMPTY);
        } else {
            for (int i = 0; i < refs.size(); i++) {
                raw(i == 0 ? OPEN : BETWEEN);
                finding(refs.get(i));
            }
            raw(CLOSE);
        }
        raw(LINKS);
        List<Story.Link> links = s.links();
        if (links.isEmpty()) {
            raw(EMPTY);
        } else {
            for (int i = 0; i < links.size(); i++) {
                raw(i == 0 ? OPEN : BETWEEN);
                link(links.get(i));
            }
            raw(CLOSE);
        }
        raw(STORY_END);
    }

    private void finding(Story.FindingRef f) throws IOException {
        raw(KEY);
        string(f.key());
        raw(TIME);
        string(f.time());
        raw(HOST);
        string(f.host());
        raw(RULE_ID);
        string(f.ruleId());
        raw(RULE_TITLE);
        string(f.ruleTitle());
        raw(LEVEL);
        string(f.level());
        raw(SOURCE);
        string(f.source());
        raw(RECORD_ID);
        raw(ascii(Long.toString(f.recordId())));
        raw(MEMBER_END);
    }

    private void link(Story.Link l) throws IOException {
        raw(FROM);
        string(l.from());
        raw(TO);
        string(l.to());
        raw(KIND);
        string(l.kind());
        raw(ENTITY);
        string(l.entity());
        raw(REASON);
        string(l.reason());
        raw(MEMBER_END);
    }

    private void strings(List<String> values) throws IOException {
        if (values.isEmpty()) {
            raw(EMPTY);
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            raw(i == 0 ? OPEN : BETWEEN);
            string(values.get(i));
        }
        raw(CLOSE);
    }

    /** A double as Jackson writes it by default: {@link Double#toString}, non-finite values quoted. */
    private void number(double d) throws IOException {
        raw(ascii(Double.isNaN(d) || Double.isInfinite(d) ? "\"" + d + "\"" : Double.toString(d)));
    }

    private void string(String s) throws IOException {
        if (s == null) {
            raw(NULL);
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
                byte e = JsonEscapes.of(ch);
                if (e == 0) {
                    b[p++] = (byte) ch;
                } else if (e == 'u') {
                    p = escape(b, p, ch);
                } else {
                    b[p++] = '\\';
                    b[p++] = e;
                }
            } else if (Character.isSurrogate(ch)) {
                p = escape(b, p, ch);
            } else {
                p = JsonEscapes.putUtf8(b, p, ch);
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

    /** Bytes as they are. */
    private void raw(byte[] bytes) throws IOException {
        if (len + bytes.length > buf.length) {
            flush();
            if (bytes.length > buf.length) {
                out.write(bytes);
                return;
            }
        }
        System.arraycopy(bytes, 0, buf, len, bytes.length);
        len += bytes.length;
    }

    private void flush() throws IOException {
        out.write(buf, 0, len);
        len = 0;
    }
}
