package org.dotlink.ingest.evtx;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * A test-only EVTX <em>writer</em>: builds synthetic but valid EVTX files byte by byte, so that tests
 * can reach BinXML tokens and value types the real sample files may not hold. Layouts follow libyal's
 * libevtx documentation ("Windows XML Event Log (EVTX) format") and what Windows itself writes (checked
 * against the sample files):
 *
 * <ul>
 *   <li>file header: 4096 bytes, {@code ElfFile\0}, first/last chunk number, next record id, header
 *       size 128, version 3.1, block size 4096, chunk count, flags, CRC32 of bytes 0..120 at 124;</li>
 *   <li>chunk: 64 KiB, a 512-byte header ({@code ElfChnk\0}, first/last record number and id, header
 *       size 128, last record offset, free space offset, CRC32 of the records at 52, CRC32 of header
 *       bytes 0..120 and 128..512 at 124, the 64-bucket common string table at 128 and the 32-bucket
 *       template table at 384), then the records;</li>
 *   <li>record: {@code 2a 2a 00 00}, size, record id, written time (FILETIME), the BinXML fragment,
 *       zero padding to a multiple of 8 (as Windows pads), and the size again in the last 4 bytes;</li>
 *   <li>BinXML: names are chunk-wide structures (next-name offset, hash, character count, UTF-16, NUL)
 *       written inline where first used and referenced by chunk offset afterwards; template
 *       definitions (next offset, GUID, data size, fragment) are written inline by the first instance
 *       in a chunk and referenced by offset by later ones; element data sizes, attribute list sizes,
 *       template data sizes and substitution value sizes are patched in once known.</li>
 * </ul>
 *
 * <p>Everything here is test code: nothing in {@code src/main} depends on it, and it checks only what
 * it needs to build well-formed input (it does not guard against every misuse).
 */
final class SyntheticEvtx {

    static final int FILE_HEADER_SIZE = 4096;
    static final int CHUNK_SIZE = 0x10000;
    static final int CHUNK_HEADER_SIZE = 512;
    /** 100-ns intervals between 1601-01-01 and 1970-01-01. */
    private static final long FILETIME_EPOCH_DIFF = 116_444_736_000_000_000L;
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    // BinXML tokens (libevtx documentation, "Binary XML").
    static final int EOF = 0x00;
    static final int OPEN_START_ELEMENT = 0x01;
    static final int CLOSE_START_ELEMENT = 0x02;
    static final int CLOSE_EMPTY_ELEMENT = 0x03;
    static final int END_ELEMENT = 0x04;
    static final int VALUE = 0x05;
    static final int ATTRIBUTE = 0x06;
    static final int CDATA = 0x07;
    static final int CHAR_REF = 0x08;
    static final int ENTITY_REF = 0x09;
    static final int PI_TARGET = 0x0a;
    static final int PI_DATA = 0x0b;
    static final int TEMPLATE_INSTANCE = 0x0c;
    static final int NORMAL_SUBSTITUTION = 0x0d;
    static final int OPTIONAL_SUBSTITUTION = 0x0e;
    static final int FRAGMENT_HEADER = 0x0f;
    static final int MORE = 0x40;

    // Value types (libevtx documentation, "Value types"); ARRAY is or-ed onto a base type.
    static final int T_NULL = 0x00;
    static final int T_STRING = 0x01;
    static final int T_ANSI_STRING = 0x02;
    static final int T_INT8 = 0x03;
    static final int T_UINT8 = 0x04;
    static final int T_INT16 = 0x05;
    static final int T_UINT16 = 0x06;
    static final int T_INT32 = 0x07;
    static final int T_UINT32 = 0x08;
    static final int T_INT64 = 0x09;
    static final int T_UINT64 = 0x0a;
    static final int T_REAL32 = 0x0b;
    static final int T_REAL64 = 0x0c;
    static final int T_BOOL = 0x0d;
    static final int T_BINARY = 0x0e;
    static final int T_GUID = 0x0f;
    static final int T_SIZE_T = 0x10;
    static final int T_FILETIME = 0x11;
    static final int T_SYSTEMTIME = 0x12;
    static final int T_SID = 0x13;
    static final int T_HEX_INT32 = 0x14;
    static final int T_HEX_INT64 = 0x15;
    static final int T_BIN_XML = 0x21;
    static final int T_ARRAY = 0x80;

    private SyntheticEvtx() {}

    // ------------------------------------------------------------------------------------------
    // The BinXML tree a record is written from.

    /** Something that can stand in a fragment or in an element's content. */
    sealed interface Node permits Element, Instance, Content {}

    /** What can also stand in an attribute value: value text, substitutions, references. */
    sealed interface Content extends Node permits Text, CData, CharRef, EntityRef, Pi, Sub {}

    /**
     * An element: token 0x01 (no attributes) or 0x41 (attributes follow). Without children it is
     * closed with 0x03 (close empty element) unless {@code endTag} asks for 0x02 ... 0x04.
     */
    record Element(String name, List<Attr> attributes, List<Node> children, boolean endTag) implements Node {
        /** The same element written as {@code <x></x>} (close start, end element) even when empty. */
        Element withEndTag() {
            return new Element(name, attributes, children, true);
        }
    }

    /** An attribute, token 0x06, or 0x46 when another attribute follows (set by the writer). */
    record Attr(String name, List<Content> value) {}

    /** Value text, token 0x05 with string type 0x01. */
    record Text(String text) implements Content {}

    /** CDATA section, token 0x07. */
    record CData(String text) implements Content {}

    /** Character reference, token 0x08 ({@code &#NNN;}). */
    record CharRef(char c) implements Content {}

    /** Entity reference, token 0x09 with a name ({@code &amp;}). */
    record EntityRef(String name) implements Content {}

    /**
     * Processing instruction: target, token 0x0a, then data, token 0x0b. MS-EVEN6 (2.2.12) has
     * {@code PI = PITarget PIData}: the data token is always there, possibly empty.
     */
    record Pi(String target, String data) implements Content {
        Pi {
            java.util.Objects.requireNonNull(data, "PI data (may be empty, not absent)");
        }
    }

    /** Substitution of value {@code index}: normal (0x0d) or optional (0x0e), declaring {@code type}. */
    record Sub(int index, int type, boolean optional) implements Content {}

    /** A template instance, token 0x0c: the definition (inline or by offset) and this record's values. */
    record Instance(Template template, List<Value> values) implements Node {}

    /** A template definition: GUID and root element. Identity, not equality, decides "already defined". */
    static final class Template {
        final byte[] guid;
        final Element root;

        Template(String guid, Element root) {
            this.guid = guidBytes(guid);
            this.root = root;
        }

        /** The template identifier written in instances: the GUID's first 4 bytes, as Windows writes it. */
        int id() {
            return (guid[0] & 0xff) | (guid[1] & 0xff) << 8 | (guid[2] & 0xff) << 16 | (guid[3] & 0xff) << 24;
        }
    }

    /**
     * A substitution value: its type and bytes, or for a nested BinXML value (type 0x21) the nodes
     * of its fragment, which are written in place (their name and template offsets depend on it).
     */
    record Value(int type, byte[] bytes, List<Node> binXml) {}

    // Node factories, so that a test reads like the XML it writes.

    /** An element; {@code parts} are {@link Attr}s (first) and {@link Node}s, or Strings as value text. */
    static Element el(String name, Object... parts) {
        List<Attr> attrs = new ArrayList<>();
        List<Node> children = new ArrayList<>();
        for (Object p : parts) {
            if (p instanceof Attr a) {
                attrs.add(a);
            } else if (p instanceof Node n) {
                children.add(n);
            } else if (p instanceof String s) {
                children.add(new Text(s));
            } else {
                throw new IllegalArgumentException("not an attribute or node: " + p);
            }
        }
        return new Element(name, List.copyOf(attrs), List.copyOf(children), false);
    }

    /** {@code <Data Name="name">content</Data>}; content as for {@link #el}. */
    static Element data(String name, Object... content) {
        Object[] parts = new Object[content.length + 1];
        parts[0] = attr("Name", name);
        System.arraycopy(content, 0, parts, 1, content.length);
        return el("Data", parts);
    }

    static Attr attr(String name, Content... value) {
        return new Attr(name, List.of(value));
    }

    static Attr attr(String name, String literal) {
        return new Attr(name, List.of(new Text(literal)));
    }

    static Text text(String s) {
        return new Text(s);
    }

    static CData cdata(String s) {
        return new CData(s);
    }

    static CharRef charRef(char c) {
        return new CharRef(c);
    }

    static EntityRef entity(String name) {
        return new EntityRef(name);
    }

    static Pi pi(String target, String data) {
        return new Pi(target, data);
    }

    static Sub sub(int index, int type) {
        return new Sub(index, type, false);
    }

    static Sub opt(int index, int type) {
        return new Sub(index, type, true);
    }

    static Instance instance(Template t, Value... values) {
        return new Instance(t, List.of(values));
    }

    // Value factories: the bytes Windows stores for each type.

    static Value nul() {
        return new Value(T_NULL, new byte[0], null);
    }

    /** UTF-16LE with the NUL terminator Windows stores after string values. */
    static Value string(String s) {
        return new Value(T_STRING, utf16z(s), null);
    }

    /** Windows-1252 with a NUL terminator. */
    static Value ansi(String s) {
        byte[] b = s.getBytes(WINDOWS_1252);
        return new Value(T_ANSI_STRING, Arrays.copyOf(b, b.length + 1), null);
    }

    static Value int8(int v) {
        return new Value(T_INT8, new byte[] {(byte) v}, null);
    }

    static Value uint8(int v) {
        return new Value(T_UINT8, new byte[] {(byte) v}, null);
    }

    static Value int16(int v) {
        return new Value(T_INT16, le(v, 2), null);
    }

    static Value uint16(int v) {
        return new Value(T_UINT16, le(v, 2), null);
    }

    static Value int32(int v) {
        return new Value(T_INT32, le(v, 4), null);
    }

    static Value uint32(long v) {
        return new Value(T_UINT32, le(v, 4), null);
    }

    static Value int64(long v) {
        return new Value(T_INT64, le(v, 8), null);
    }

    static Value uint64(long v) {
        return new Value(T_UINT64, le(v, 8), null);
    }

    static Value real32(float v) {
        return new Value(T_REAL32, le(Float.floatToIntBits(v), 4), null);
    }

    static Value real64(double v) {
        return new Value(T_REAL64, le(Double.doubleToLongBits(v), 8), null);
    }

    /** BOOL is a 32-bit integer. */
    static Value bool(boolean v) {
        return new Value(T_BOOL, le(v ? 1 : 0, 4), null);
    }

    static Value binary(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return new Value(T_BINARY, b, null);
    }

    /** A GUID given as {@code {XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}}: the first three groups little-endian. */
    static Value guid(String g) {
        return new Value(T_GUID, guidBytes(g), null);
    }

    static Value sizeT32(int v) {
        return new Value(T_SIZE_T, le(v, 4), null);
    }

    static Value sizeT64(long v) {
        return new Value(T_SIZE_T, le(v, 8), null);
    }

    /** A FILETIME for an ISO-8601 instant (100-ns precision). */
    static Value filetime(String iso) {
        return new Value(T_FILETIME, le(filetimeTicks(iso), 8), null);
    }

    static Value systemtime(int year, int month, int dayOfWeek, int day, int hour, int minute, int second, int millis) {
        byte[] b = new byte[16];
        int[] parts = {year, month, dayOfWeek, day, hour, minute, second, millis};
        for (int i = 0; i < parts.length; i++) {
            b[2 * i] = (byte) parts[i];
            b[2 * i + 1] = (byte) (parts[i] >>> 8);
        }
        return new Value(T_SYSTEMTIME, b, null);
    }

    /** A SID from its string form {@code S-R-A-S1-S2...}: revision, count, 6-byte big-endian authority, LE sub-authorities. */
    static Value sid(String s) {
        String[] p = s.split("-");
        if (!p[0].equals("S") || p.length < 3) {
            throw new IllegalArgumentException("not a SID: " + s);
        }
        int count = p.length - 3;
        byte[] b = new byte[8 + 4 * count];
        b[0] = (byte) Integer.parseInt(p[1]);
        b[1] = (byte) count;
        long authority = Long.parseLong(p[2]);
        for (int i = 0; i < 6; i++) {
            b[2 + i] = (byte) (authority >>> (8 * (5 - i)));
        }
        for (int i = 0; i < count; i++) {
            System.arraycopy(le(Long.parseLong(p[3 + i]), 4), 0, b, 8 + 4 * i, 4);
        }
        return new Value(T_SID, b, null);
    }

    static Value hexInt32(int v) {
        return new Value(T_HEX_INT32, le(v, 4), null);
    }

    static Value hexInt64(long v) {
        return new Value(T_HEX_INT64, le(v, 8), null);
    }

    /** A string array (0x81): each string with its NUL terminator, one after the other. */
    static Value stringArray(String... items) {
        return new Value(T_STRING | T_ARRAY, concat(Arrays.stream(items).map(SyntheticEvtx::utf16z).toList()), null);
    }

    /** An ANSI string array (0x82): each string NUL-terminated. */
    static Value ansiArray(String... items) {
        List<byte[]> parts = new ArrayList<>();
        for (String s : items) {
            byte[] b = s.getBytes(WINDOWS_1252);
            parts.add(Arrays.copyOf(b, b.length + 1));
        }
        return new Value(T_ANSI_STRING | T_ARRAY, concat(parts), null);
    }

    /** An array (type | 0x80) of fixed-size items, all of the given base type. */
    static Value array(Value... items) {
        int type = items[0].type();
        List<byte[]> parts = new ArrayList<>();
        for (Value v : items) {
            if (v.type() != type || v.binXml() != null) {
                throw new IllegalArgumentException("array items must share one fixed-size type");
            }
            parts.add(v.bytes());
        }
        return new Value(type | T_ARRAY, concat(parts), null);
    }

    /** A nested BinXML value (0x21): fragment header, then {@code nodes}, written where the value lies. */
    static Value binXml(Node... nodes) {
        return new Value(T_BIN_XML, null, List.of(nodes));
    }

    /** A value of any type with raw bytes, for types without a factory. */
    static Value raw(int type, byte[] bytes) {
        return new Value(type, bytes.clone(), null);
    }

    // ------------------------------------------------------------------------------------------
    // Files and chunks.

    /** An EVTX file being built: chunks in order, then {@link #bytes()}. */
    static final class File {
        private final List<Chunk> chunks = new ArrayList<>();
        private long nextRecordNumber = 1;
        /** Every BinXML token byte written (flags included), for coverage checks. */
        final java.util.Set<Integer> tokensWritten = new java.util.TreeSet<>();
        /** Every value type written in a template instance's value descriptors. */
        final java.util.Set<Integer> valueTypesWritten = new java.util.TreeSet<>();

        /** Starts a new chunk; records are added to it until the next call. */
        Chunk chunk() {
            Chunk c = new Chunk(this);
            chunks.add(c);
            return c;
        }

        byte[] bytes() {
            byte[] out = new byte[FILE_HEADER_SIZE + chunks.size() * CHUNK_SIZE];
            long lastId = 0;
            for (int i = 0; i < chunks.size(); i++) {
                byte[] c = chunks.get(i).finish();
                System.arraycopy(c, 0, out, FILE_HEADER_SIZE + i * CHUNK_SIZE, CHUNK_SIZE);
                lastId = Math.max(lastId, chunks.get(i).lastId);
            }
            put(out, 0, "ElfFile\0".getBytes(StandardCharsets.US_ASCII));
            put64(out, 8, 0); // first chunk number
            put64(out, 16, chunks.size() - 1); // last chunk number
            put64(out, 24, lastId + 1); // next record identifier
            put32(out, 32, 128); // header size
            put16(out, 36, 1); // minor version
            put16(out, 38, 3); // major version
            put16(out, 40, FILE_HEADER_SIZE); // header block size
            put16(out, 42, chunks.size()); // number of chunks
            put32(out, 120, 0); // file flags: clean
            put32(out, 124, crc(out, 0, 120));
            return out;
        }

        Path write(Path file) throws IOException {
            Files.write(file, bytes());
            return file;
        }

        /** A file of one chunk holding one record. */
        static File of(long id, Node root) {
            File f = new File();
            f.chunk().record(id, "2024-01-01T00:00:00Z", root);
            return f;
        }
    }

    /** One 64 KiB chunk: records are written into it as they are added. */
    static final class Chunk {
        private final File file;
        private final byte[] b = new byte[CHUNK_SIZE];
        private int pos = CHUNK_HEADER_SIZE;
        private final Map<String, Integer> names = new HashMap<>();
        private final Map<Template, Integer> templates = new IdentityHashMap<>();
        private final int[] stringTable = new int[64];
        private long firstNumber = -1;
        private long lastNumber;
        private long firstId = -1;
        private long lastId;
        private int lastRecordOffset;
        private final List<Integer> recordOffsets = new ArrayList<>();

        private Chunk(File file) {
            this.file = file;
        }

        /** Adds a record whose fragment holds {@code root} (a template instance or an element). */
        Chunk record(long id, String writtenIso, Node root) {
            int start = pos;
            try {
                u32(0x00002a2a);
                int sizeAt = pos;
                u32(0);
                u64(id);
                u64(filetimeTicks(writtenIso));
                fragment(List.of(root), true);
                while ((pos + 4) % 8 != 0) {
                    u8(0);
                }
                int size = pos + 4 - start;
                u32(size);
                patch32(sizeAt, size);
            } catch (IndexOutOfBoundsException e) {
                throw new IllegalStateException("record " + id + " does not fit in the chunk", e);
            }
            long number = file.nextRecordNumber++;
            if (firstNumber < 0) {
                firstNumber = number;
                firstId = id;
            }
            lastNumber = number;
            lastId = id;
            lastRecordOffset = start;
            recordOffsets.add(start);
            return this;
        }

        /**
         * Writes the following records from chunk offset {@code offset} on, over what is there, as
         * Windows does when it starts a chunk again (after the log was cleared, or when it reuses the
         * chunk): the chunk's names and template definitions start anew, the header counts only the
         * records written from now on, and the bytes past the last new record keep the old records
         * (the chunk's slack).
         */
        Chunk overwriteFrom(int offset) {
            pos = offset;
            names.clear();
            templates.clear();
            Arrays.fill(stringTable, 0);
            firstNumber = -1;
            firstId = -1;
            return this;
        }

        /** Chunk-relative offsets of the records written so far (before and after {@link #overwriteFrom}). */
        List<Integer> recordOffsets() {
            return List.copyOf(recordOffsets);
        }

        /** Where the definition of {@code t} lies in this chunk, or -1 when it was not written here. */
        int templateOffset(Template t) {
            Integer at = templates.get(t);
            return at == null ? -1 : at;
        }

        private byte[] finish() {
            byte[] out = b.clone();
            put(out, 0, "ElfChnk\0".getBytes(StandardCharsets.US_ASCII));
            put64(out, 8, firstNumber); // first event record number
            put64(out, 16, lastNumber); // last event record number
            put64(out, 24, firstId); // first event record identifier
            put64(out, 32, lastId); // last event record identifier
            put32(out, 40, 128); // header size
            put32(out, 44, lastRecordOffset); // last event record offset
            put32(out, 48, pos); // free space offset
            put32(out, 52, crc(out, CHUNK_HEADER_SIZE, pos - CHUNK_HEADER_SIZE)); // event records checksum
            put32(out, 120, 0); // flags
            for (int i = 0; i < stringTable.length; i++) {
                put32(out, 128 + 4 * i, stringTable[i]);
            }
            // The 32-slot template table at 384 stays empty: Windows' bucket function for it is not
            // documented, and no reader (libevtx, ours) uses it to find definitions.
            CRC32 crc = new CRC32();
            crc.update(out, 0, 120);
            crc.update(out, 128, 384);
            put32(out, 124, (int) crc.getValue());
            return out;
        }

        // --- BinXML

        private void fragment(List<Node> nodes, boolean eof) {
            token(FRAGMENT_HEADER);
            u8(1); // major version
            u8(1); // minor version
            u8(0); // flags
            for (Node n : nodes) {
                node(n);
            }
            if (eof) {
                token(EOF);
            }
        }

        private void node(Node n) {
            if (n instanceof Element e) {
                element(e);
            } else if (n instanceof Instance i) {
                instance(i);
            } else {
                content((Content) n);
            }
        }

        private void element(Element e) {
            boolean hasAttributes = !e.attributes().isEmpty();
            token(OPEN_START_ELEMENT | (hasAttributes ? MORE : 0));
            u16(dependency(e));
            int sizeAt = pos;
            u32(0); // data size: from after this field to the end of the element
            name(e.name());
            if (hasAttributes) {
                int listAt = pos;
                u32(0); // attribute list size
                for (int i = 0; i < e.attributes().size(); i++) {
                    Attr a = e.attributes().get(i);
                    token(ATTRIBUTE | (i < e.attributes().size() - 1 ? MORE : 0));
                    name(a.name());
                    for (Content c : a.value()) {
                        content(c);
                    }
                }
                patch32(listAt, pos - (listAt + 4));
            }
            if (e.children().isEmpty() && !e.endTag()) {
                token(CLOSE_EMPTY_ELEMENT);
            } else {
                token(CLOSE_START_ELEMENT);
                for (Node c : e.children()) {
                    node(c);
                }
                token(END_ELEMENT);
            }
            patch32(sizeAt, pos - (sizeAt + 4));
        }

        /** The substitution an element's presence depends on (its optional one), or 0xffff, as Windows writes it. */
        private static int dependency(Element e) {
            for (Node c : e.children()) {
                if (c instanceof Sub s && s.optional()) {
                    return s.index();
                }
            }
            return 0xffff;
        }

        private void content(Content c) {
            if (c instanceof Text t) {
                token(VALUE);
                u8(T_STRING);
                u16(t.text().length());
                utf16(t.text());
            } else if (c instanceof CData d) {
                token(CDATA);
                u16(d.text().length());
                utf16(d.text());
            } else if (c instanceof CharRef r) {
                token(CHAR_REF);
                u16(r.c());
            } else if (c instanceof EntityRef r) {
                token(ENTITY_REF);
                name(r.name());
            } else if (c instanceof Pi p) {
                token(PI_TARGET);
                name(p.target());
                token(PI_DATA);
                u16(p.data().length());
                utf16(p.data());
            } else if (c instanceof Sub s) {
                token(s.optional() ? OPTIONAL_SUBSTITUTION : NORMAL_SUBSTITUTION);
                u16(s.index());
                u8(s.type());
            }
        }

        private void instance(Instance in) {
            Template t = in.template();
            token(TEMPLATE_INSTANCE);
            u8(1); // unknown, always 1
            u32(t.id());
            Integer defined = templates.get(t);
            if (defined != null) {
                u32(defined); // back-reference to a definition earlier in the chunk
            } else {
                int at = pos + 4;
                u32(at); // points just past itself: the definition follows inline
                templates.put(t, at);
                u32(0); // next template definition offset
                put(b, pos, t.guid);
                pos += 16;
                int sizeAt = pos;
                u32(0);
                fragment(List.of(t.root), true);
                patch32(sizeAt, pos - (sizeAt + 4));
            }
            List<Value> values = in.values();
            u32(values.size());
            int descriptors = pos;
            for (Value v : values) {
                file.valueTypesWritten.add(v.type());
                u16(0); // size, patched below
                u8(v.type());
                u8(0);
            }
            for (int i = 0; i < values.size(); i++) {
                Value v = values.get(i);
                int start = pos;
                if (v.binXml() != null) {
                    fragment(v.binXml(), false); // Windows writes no end-of-file token in nested values
                } else {
                    put(b, pos, v.bytes());
                    pos += v.bytes().length;
                }
                int size = pos - start;
                if (size > 0xffff) {
                    throw new IllegalStateException("value " + i + " of " + size + " bytes does not fit a descriptor");
                }
                patch16(descriptors + 4 * i, size);
            }
        }

        /** A name reference: the offset of the name, written inline (and registered) at its first use in the chunk. */
        private void name(String name) {
            Integer at = names.get(name);
            if (at != null) {
                u32(at);
                return;
            }
            int self = pos + 4;
            u32(self);
            names.put(name, self);
            int hash = nameHash(name);
            u32(0); // next name in the same string table bucket, patched when one follows
            u16(hash);
            u16(name.length());
            utf16(name);
            u16(0);
            int bucket = hash % stringTable.length;
            if (stringTable[bucket] == 0) {
                stringTable[bucket] = self;
            } else {
                int tail = stringTable[bucket];
                while (i32(tail) != 0) {
                    tail = i32(tail);
                }
                patch32(tail, self);
            }
        }

        private void u8(int v) {
            b[pos++] = (byte) v;
        }

        private void token(int t) {
            file.tokensWritten.add(t);
            u8(t);
        }

        private void u16(int v) {
            put16(b, pos, v);
            pos += 2;
        }

        private void u32(int v) {
            put32(b, pos, v);
            pos += 4;
        }

        private void u64(long v) {
            put64(b, pos, v);
            pos += 8;
        }

        private void utf16(String s) {
            for (int i = 0; i < s.length(); i++) {
                u16(s.charAt(i));
            }
        }

        private void patch16(int at, int v) {
            put16(b, at, v);
        }

        private void patch32(int at, int v) {
            put32(b, at, v);
        }

        private int i32(int at) {
            return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
        }
    }

    // ------------------------------------------------------------------------------------------
    // Byte helpers.

    /** The name hash Windows stores (libevtx: hash = hash * 65599 + code unit, low 16 bits). */
    static int nameHash(String name) {
        int h = 0;
        for (int i = 0; i < name.length(); i++) {
            h = h * 65599 + name.charAt(i);
        }
        return h & 0xffff;
    }

    static long filetimeTicks(String iso) {
        Instant t = Instant.parse(iso);
        return t.getEpochSecond() * 10_000_000L + t.getNano() / 100 + FILETIME_EPOCH_DIFF;
    }

    static byte[] guidBytes(String g) {
        String h = g.replace("{", "").replace("}", "").replace("-", "");
        if (h.length() != 32) {
            throw new IllegalArgumentException("not a GUID: " + g);
        }
        byte[] b = new byte[16];
        for (int i = 0; i < 16; i++) {
            b[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        }
        reverse(b, 0, 4);
        reverse(b, 4, 2);
        reverse(b, 6, 2);
        return b;
    }

    private static void reverse(byte[] b, int off, int n) {
        for (int i = 0; i < n / 2; i++) {
            byte t = b[off + i];
            b[off + i] = b[off + n - 1 - i];
            b[off + n - 1 - i] = t;
        }
    }

    static byte[] utf16z(String s) {
        byte[] b = new byte[2 * s.length() + 2];
        for (int i = 0; i < s.length(); i++) {
            b[2 * i] = (byte) s.charAt(i);
            b[2 * i + 1] = (byte) (s.charAt(i) >>> 8);
        }
        return b;
    }

    static byte[] le(long v, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (v >>> (8 * i));
        }
        return b;
    }

    private static byte[] concat(List<byte[]> parts) {
        int n = parts.stream().mapToInt(p -> p.length).sum();
        byte[] out = new byte[n];
        int p = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, p, part.length);
            p += part.length;
        }
        return out;
    }

    private static void put(byte[] b, int at, byte[] v) {
        System.arraycopy(v, 0, b, at, v.length);
    }

    private static void put16(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
    }

    private static void put32(byte[] b, int at, int v) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    private static void put64(byte[] b, int at, long v) {
        for (int i = 0; i < 8; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    private static int crc(byte[] b, int off, int len) {
        CRC32 c = new CRC32();
        c.update(b, off, len);
        return (int) c.getValue();
    }
}
