package org.dotlink.ingest.evtx;

import static org.dotlink.ingest.evtx.LittleEndian.i32;
import static org.dotlink.ingest.evtx.LittleEndian.u16;
import static org.dotlink.ingest.evtx.LittleEndian.u8;

import java.util.ArrayList;
import java.util.List;
import org.dotlink.ingest.evtx.BinXmlNode.Attribute;
import org.dotlink.ingest.evtx.BinXmlNode.Element;
import org.dotlink.ingest.evtx.BinXmlNode.ProcessingInstruction;
import org.dotlink.ingest.evtx.BinXmlNode.Substitution;
import org.dotlink.ingest.evtx.BinXmlNode.TemplateInstance;
import org.dotlink.ingest.evtx.BinXmlNode.Text;

/**
 * Reads BinXML tokens from one chunk into {@link BinXmlNode}s (libevtx documentation, "Binary XML").
 * Names and template definitions are cached by their chunk offset, so each is parsed once per chunk.
 * One instance serves one thread; {@link #reset(byte[])} moves it to the next chunk.
 */
final class BinXmlReader {

    static final int TOKEN_EOF = 0x00;
    static final int TOKEN_OPEN_START_ELEMENT = 0x01;
    static final int TOKEN_CLOSE_START_ELEMENT = 0x02;
    static final int TOKEN_CLOSE_EMPTY_ELEMENT = 0x03;
    static final int TOKEN_END_ELEMENT = 0x04;
    static final int TOKEN_VALUE = 0x05;
    static final int TOKEN_ATTRIBUTE = 0x06;
    static final int TOKEN_CDATA = 0x07;
    static final int TOKEN_CHAR_REF = 0x08;
    static final int TOKEN_ENTITY_REF = 0x09;
    static final int TOKEN_PI_TARGET = 0x0a;
    static final int TOKEN_PI_DATA = 0x0b;
    static final int TOKEN_TEMPLATE_INSTANCE = 0x0c;
    static final int TOKEN_NORMAL_SUBSTITUTION = 0x0d;
    static final int TOKEN_OPTIONAL_SUBSTITUTION = 0x0e;
    static final int TOKEN_FRAGMENT_HEADER = 0x0f;
    /** Set on a token when more of its kind follow (attributes) or when an element has attributes. */
    static final int FLAG_MORE = 0x40;

    private static final int MAX_DEPTH = 64;
    private static final BinXmlNode[] NO_NODES = new BinXmlNode[0];
    private static final Attribute[] NO_ATTRIBUTES = new Attribute[0];

    private final ValueRenderer strings;
    private final String[] names = new String[EvtxChunk.SIZE];
    private final BinXmlNode[][] templates = new BinXmlNode[EvtxChunk.SIZE][];
    private final int[] touched = new int[2 * EvtxChunk.SIZE];
    private int touchedCount;
    private byte[] b;
    /** Where the structure being read ends; no read goes past it. */
    private int limit;
    private int depth;
    /** Just past the structure read last: set by {@link #element} and {@link #templateInstance}. */
    private int after;

    BinXmlReader(ValueRenderer strings) {
        this.strings = strings;
    }

    /** Starts on a new chunk: forgets the previous chunk's names and templates. */
    void reset(byte[] chunk) {
        for (int i = 0; i < touchedCount; i++) {
            int key = touched[i];
            if (key < EvtxChunk.SIZE) {
                names[key] = null;
            } else {
                templates[key - EvtxChunk.SIZE] = null;
            }
        }
        touchedCount = 0;
        depth = 0;
        b = chunk;
    }

    /**
     * Reads the BinXML fragment of a record or of a nested BinXML value, in {@code [start, end)}:
     * a fragment header, then a template instance or an element, then end of file.
     */
    BinXmlNode[] readFragment(int start, int end) {
        int savedLimit = limit;
        limit = end;
        try {
            if (++depth > MAX_DEPTH) {
                throw new EvtxFormatException(start, "BinXML nested deeper than " + MAX_DEPTH + " levels");
            }
            List<BinXmlNode> nodes = new ArrayList<>(1);
            int p = start;
            while (p < end) {
                int token = u8(b, p);
                switch (token & ~FLAG_MORE) {
                    case TOKEN_FRAGMENT_HEADER -> {
                        need(p, 4);
                        p += 4;
                    }
                    case TOKEN_TEMPLATE_INSTANCE -> {
                        nodes.add(templateInstance(p));
                        p = after;
                    }
                    case TOKEN_OPEN_START_ELEMENT -> {
                        nodes.add(element(p));
                        p = after;
                    }
                    case TOKEN_EOF -> {
                        return nodes.toArray(NO_NODES);
                    }
                    default -> throw unexpected(p, token, "a fragment header, template instance or element");
                }
            }
            return nodes.toArray(NO_NODES);
        } finally {
            depth--;
            limit = savedLimit;
        }
    }

    /** Reads a template instance at {@code p}; sets {@link #after} just after its values. */
    private TemplateInstance templateInstance(int p) {
        need(p, 10);
        int pointerAt = p + 6;
        int defOffset = i32(b, pointerAt);
        p += 10;
        if (defOffset == p) {
            // The definition follows inline: next offset, GUID, data size, then the data.
            need(p, 24);
            int dataSize = i32(b, p + 20);
            if (dataSize < 0 || p + 24 + dataSize > limit) {
                throw new EvtxFormatException(p, "template definition of " + dataSize + " bytes runs past its record");
            }
            p += 24 + dataSize;
        }
        BinXmlNode[] roots = template(defOffset, pointerAt);
        need(p, 4);
        int count = i32(b, p);
        p += 4;
        if (count < 0 || (long) count * 4 > limit - p) {
            throw new EvtxFormatException(p - 4, "substitution count " + Integer.toUnsignedString(count)
                    + " does not fit in the record");
        }
        int[] types = new int[count];
        int[] offsets = new int[count];
        int[] sizes = new int[count];
        int valueOffset = p + 4 * count;
        for (int i = 0; i < count; i++) {
            sizes[i] = u16(b, p + 4 * i);
            types[i] = u8(b, p + 4 * i + 2);
            offsets[i] = valueOffset;
            valueOffset += sizes[i];
        }
        if (valueOffset > limit) {
            throw new EvtxFormatException(p, "substitution values end at 0x" + Integer.toHexString(valueOffset)
                    + ", past the record end at 0x" + Integer.toHexString(limit));
        }
        after = valueOffset;
        return new TemplateInstance(roots, new SubstitutionValues(types, offsets, sizes));
    }

    /** The root nodes of the template defined at {@code defOffset} (pointed to from {@code at}), parsed once per chunk. */
    private BinXmlNode[] template(int defOffset, int at) {
        if (defOffset < EvtxChunk.HEADER_SIZE || defOffset + 24 > EvtxChunk.SIZE) {
            throw new EvtxFormatException(at, "template definition offset 0x" + Integer.toHexString(defOffset)
                    + " is outside the chunk's record area");
        }
        BinXmlNode[] cached = templates[defOffset];
        if (cached != null) {
            return cached;
        }
        int dataSize = i32(b, defOffset + 20);
        int start = defOffset + 24;
        if (dataSize < 0 || start + dataSize > EvtxChunk.SIZE) {
            throw new EvtxFormatException(at, "template definition at 0x" + Integer.toHexString(defOffset) + " of "
                    + dataSize + " bytes runs past the chunk");
        }
        BinXmlNode[] roots = readFragment(start, start + dataSize);
        templates[defOffset] = roots;
        touched[touchedCount++] = EvtxChunk.SIZE + defOffset;
        return roots;
    }

    /** Reads an element at {@code p}; sets {@link #after} just after its end tag. */
    private Element element(int p) {
        int token = u8(b, p);
        need(p, 11);
        int nameOffset = i32(b, p + 7);
        p += 11;
        String name = name(nameOffset, p - 4);
        if (nameOffset == p) {
            p += nameSize(p);
        }
        try {
            if (++depth > MAX_DEPTH) {
                throw new EvtxFormatException(p, "elements nested deeper than " + MAX_DEPTH + " levels");
            }
            Attribute[] attributes = NO_ATTRIBUTES;
            if ((token & FLAG_MORE) != 0) {
                need(p, 4);
                p += 4; // attribute list size; the attribute tokens themselves say where they end
                List<Attribute> list = new ArrayList<>(2);
                while (p < limit && (u8(b, p) & ~FLAG_MORE) == TOKEN_ATTRIBUTE) {
                    need(p, 5);
                    int attrNameOffset = i32(b, p + 1);
                    p += 5;
                    String attrName = name(attrNameOffset, p - 4);
                    if (attrNameOffset == p) {
                        p += nameSize(p);
                    }
                    List<BinXmlNode> value = new ArrayList<>(1);
                    p = content(p, value, true);
                    list.add(Attribute.of(name, attrName, value.toArray(NO_NODES)));
                }
                attributes = list.toArray(NO_ATTRIBUTES);
            }
            need(p, 1);
            int close = u8(b, p);
            if (close == TOKEN_CLOSE_EMPTY_ELEMENT) {
                after = p + 1;
                return new Element(name, attributes, NO_NODES);
            }
            if (close != TOKEN_CLOSE_START_ELEMENT) {
                throw unexpected(p, close, "the end of the start tag of <" + name + ">");
            }
            p++;
            List<BinXmlNode> children = new ArrayList<>(4);
            while (true) {
                need(p, 1);
                int t = u8(b, p);
                if (t == TOKEN_END_ELEMENT) {
                    p++;
                    break;
                }
                if ((t & ~FLAG_MORE) == TOKEN_OPEN_START_ELEMENT) {
                    children.add(element(p));
                    p = after;
                } else {
                    int next = content(p, children, false);
                    if (next == p) {
                        throw unexpected(p, t, "content or the end tag of <" + name + ">");
                    }
                    p = next;
                }
            }
            after = p;
            return new Element(name, attributes, children.toArray(NO_NODES));
        } finally {
            depth--;
        }
    }

    /**
     * Reads content tokens (values, substitutions, references, CDATA, processing instructions) from
     * {@code p} into {@code out}, stopping at the first other token; returns where it stopped.
     */
    private int content(int p, List<BinXmlNode> out, boolean attributeValue) {
        while (p < limit) {
            int token = u8(b, p);
            switch (token & ~FLAG_MORE) {
                case TOKEN_VALUE -> {
                    need(p, 4);
                    int type = u8(b, p + 1);
                    if (type != ValueType.STRING) {
                        throw new EvtxFormatException(p, "value token of type 0x" + Integer.toHexString(type)
                                + ", expected a string (0x01)");
                    }
                    int chars = u16(b, p + 2);
                    need(p + 4, chars * 2);
                    out.add(new Text(strings.utf16(b, p + 4, chars, false)));
                    p += 4 + chars * 2;
                }
                case TOKEN_NORMAL_SUBSTITUTION, TOKEN_OPTIONAL_SUBSTITUTION -> {
                    need(p, 4);
                    out.add(new Substitution(u16(b, p + 1), u8(b, p + 3),
                            (token & ~FLAG_MORE) == TOKEN_OPTIONAL_SUBSTITUTION));
                    p += 4;
                }
                case TOKEN_CHAR_REF -> {
                    need(p, 3);
                    out.add(new Text(String.valueOf((char) u16(b, p + 1))));
                    p += 3;
                }
                case TOKEN_ENTITY_REF -> {
                    need(p, 5);
                    int nameOffset = i32(b, p + 1);
                    p += 5;
                    out.add(new Text(entity(name(nameOffset, p - 4))));
                    if (nameOffset == p) {
                        p += nameSize(p);
                    }
                }
                case TOKEN_CDATA -> {
                    if (attributeValue) {
                        return p;
                    }
                    need(p, 3);
                    int chars = u16(b, p + 1);
                    need(p + 3, chars * 2);
                    out.add(new Text(strings.utf16(b, p + 3, chars, false)));
                    p += 3 + chars * 2;
                }
                case TOKEN_PI_TARGET -> {
                    if (attributeValue) {
                        return p;
                    }
                    need(p, 5);
                    int nameOffset = i32(b, p + 1);
                    p += 5;
                    String target = name(nameOffset, p - 4);
                    if (nameOffset == p) {
                        p += nameSize(p);
                    }
                    String data = "";
                    if (p < limit && u8(b, p) == TOKEN_PI_DATA) {
                        need(p, 3);
                        int chars = u16(b, p + 1);
                        need(p + 3, chars * 2);
                        data = strings.utf16(b, p + 3, chars, false);
                        p += 3 + chars * 2;
                    }
                    out.add(new ProcessingInstruction(target, data));
                }
                default -> {
                    return p;
                }
            }
        }
        return p;
    }

    /** The name stored at {@code offset} (pointed to from {@code at}): next-name offset, hash, character count, UTF-16 characters, NUL. */
    private String name(int offset, int at) {
        if (offset < 0 || offset + 8 > EvtxChunk.SIZE) {
            throw new EvtxFormatException(at, "name offset 0x" + Integer.toHexString(offset) + " is outside the chunk");
        }
        String cached = names[offset];
        if (cached != null) {
            return cached;
        }
        int chars = u16(b, offset + 6);
        if (offset + 8 + chars * 2 > EvtxChunk.SIZE) {
            throw new EvtxFormatException(at, "name at 0x" + Integer.toHexString(offset) + " of " + chars
                    + " characters runs past the chunk");
        }
        String name = strings.utf16(b, offset + 8, chars, false).intern();
        names[offset] = name;
        touched[touchedCount++] = offset;
        return name;
    }

    private int nameSize(int offset) {
        return 8 + u16(b, offset + 6) * 2 + 2;
    }

    private static String entity(String name) {
        return switch (name) {
            case "lt" -> "<";
            case "gt" -> ">";
            case "amp" -> "&";
            case "quot" -> "\"";
            case "apos" -> "'";
            default -> "&" + name + ";";
        };
    }

    private void need(int p, int n) {
        if (n < 0 || p + n > limit) {
            throw new EvtxFormatException(p, "structure of " + n + " bytes at 0x" + Integer.toHexString(p)
                    + " runs past its end at 0x" + Integer.toHexString(limit));
        }
    }

    private static EvtxFormatException unexpected(int p, int token, String expected) {
        return new EvtxFormatException(p, "unexpected BinXML token 0x" + Integer.toHexString(token) + ", expected "
                + expected);
    }
}
