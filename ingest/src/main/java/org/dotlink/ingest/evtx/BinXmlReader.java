package org.dotlink.ingest.evtx;

import static org.dotlink.ingest.evtx.LittleEndian.i32;
import static org.dotlink.ingest.evtx.LittleEndian.u16;
import static org.dotlink.ingest.evtx.LittleEndian.u8;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.dotlink.ingest.evtx.BinXmlNode.Attribute;
import org.dotlink.ingest.evtx.BinXmlNode.Element;
import org.dotlink.ingest.evtx.BinXmlNode.LostValues;
import org.dotlink.ingest.evtx.BinXmlNode.ProcessingInstruction;
import org.dotlink.ingest.evtx.BinXmlNode.Substitution;
import org.dotlink.ingest.evtx.BinXmlNode.TemplateInstance;
import org.dotlink.ingest.evtx.BinXmlNode.Text;

/**
 * Reads BinXML tokens from one chunk into {@link BinXmlNode}s (libevtx documentation, "Binary XML").
 * Names and template definitions are cached by their chunk offset, so each is parsed once per chunk.
 * One instance serves one thread; {@link #reset(byte[])} moves it to the next chunk.
 *
 * <p>While {@link #carving(boolean) carving} records from slack, what a record points to may have
 * been overwritten since it was written, so the reader checks more: a name must match its stored
 * hash; a template definition must carry the template id of the instance, and when the one pointed
 * to does not, another definition with that id is looked for in the chunk ({@link TemplateFinder});
 * a definition that is damaged partway keeps the elements read before the damage, and a
 * {@link LostValues} node stands for the rest. A definition that cannot be found at all is only a
 * {@link LostValues} node.
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
    private static final BinXmlNode[] LOST_TEMPLATE = {new LostValues(new BitSet())};

    private final ValueRenderer strings;
    private final String[] names = new String[EvtxChunk.SIZE];
    private final BinXmlNode[][] templates = new BinXmlNode[EvtxChunk.SIZE][];
    private final int[] touched = new int[2 * EvtxChunk.SIZE];
    private int touchedCount;
    private final TemplateFinder finder = new TemplateFinder();
    /** Reading records carved from slack: see the class comment. */
    private boolean carving;
    /** Reading a template definition while carving: damage cuts the definition short instead of failing. */
    private boolean salvaging;
    /** Set when damage cut the definition being salvaged short: every enclosing element stops there. */
    private boolean truncated;
    /**
     * How far the definition being salvaged lies from where it was written (a record copied to another
     * offset): its offsets to its own inline names are off by this much. 0 otherwise.
     */
    private int shift;
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
        finder.reset(chunk);
        carving = false;
        salvaging = false;
        truncated = false;
        shift = 0;
    }

    /** Switches carving checks on (for records carved from slack) or off (for the allocated records). */
    void carving(boolean on) {
        carving = on;
    }

    boolean carving() {
        return carving;
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
            try {
                while (p < end && !truncated) {
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
            } catch (RuntimeException e) {
                if (!salvaging) {
                    throw e;
                }
                truncated = true;
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
        int templateId = i32(b, p + 2);
        int pointerAt = p + 6;
        int defOffset = i32(b, pointerAt);
        p += 10;
        int relocation = 0;
        if (carving && defOffset != p && TemplateFinder.isDefinition(b, p, templateId)) {
            // The definition follows inline, but the offset says where it was written: this record
            // was copied here from elsewhere (it happens in slack), and so were its inline names.
            relocation = p - defOffset;
            defOffset = p;
        }
        if (defOffset == p) {
            // The definition follows inline: next offset, GUID, data size, then the data.
            need(p, 24);
            int dataSize = i32(b, p + 20);
            if (dataSize < 0 || p + 24 + dataSize > limit) {
                throw new EvtxFormatException(p, "template definition of " + dataSize + " bytes runs past its record");
            }
            p += 24 + dataSize;
        }
        BinXmlNode[] roots = carving ? carvedTemplate(defOffset, templateId, relocation) : template(defOffset, pointerAt);
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

    /**
     * The template of an instance carved from slack: the definition at {@code defOffset} when it
     * carries {@code templateId} and reads whole; else another definition with that id in the chunk
     * that reads whole; else the first one found, as far as it reads; else only a {@link LostValues}.
     */
    private BinXmlNode[] carvedTemplate(int defOffset, int templateId, int relocation) {
        BinXmlNode[] best = null;
        if (TemplateFinder.isDefinition(b, defOffset, templateId)) {
            best = salvagedTemplate(defOffset, relocation);
            if (!isDamaged(best)) {
                return best;
            }
        }
        for (int def : finder.find(templateId)) {
            if (def != defOffset) {
                BinXmlNode[] roots = salvagedTemplate(def, 0);
                if (!isDamaged(roots)) {
                    return roots;
                }
                best = best == null ? roots : best;
            }
        }
        return best == null ? LOST_TEMPLATE : best;
    }

    /**
     * Reads the definition at {@code def} (cached by offset), keeping what reads before any damage;
     * {@code relocation} is how far it lies from where it was written ({@link #shift}).
     */
    private BinXmlNode[] salvagedTemplate(int def, int relocation) {
        BinXmlNode[] cached = templates[def];
        if (cached != null) {
            return cached;
        }
        int start = def + 24;
        boolean outerSalvaging = salvaging;
        boolean outerTruncated = truncated;
        int outerShift = shift;
        salvaging = true;
        truncated = false;
        shift = relocation;
        BinXmlNode[] roots;
        try {
            roots = readFragment(start, start + i32(b, def + 20));
            if (truncated) {
                BinXmlNode[] kept = Arrays.copyOf(roots, roots.length + 1);
                kept[roots.length] = new LostValues(placed(roots, new BitSet()));
                roots = kept;
            }
        } finally {
            salvaging = outerSalvaging;
            truncated = outerTruncated;
            shift = outerShift;
        }
        templates[def] = roots;
        touched[touchedCount++] = EvtxChunk.SIZE + def;
        return roots;
    }

    /** True when part of a template could not be read: its last root stands for the lost part. */
    static boolean isDamaged(BinXmlNode[] roots) {
        return roots.length > 0 && roots[roots.length - 1] instanceof LostValues;
    }

    /** Adds to {@code out} the indices of the substitutions among {@code nodes} (not those of nested instances). */
    private static BitSet placed(BinXmlNode[] nodes, BitSet out) {
        for (BinXmlNode n : nodes) {
            if (n instanceof Substitution s) {
                out.set(s.index());
            } else if (n instanceof Element e) {
                for (Attribute a : e.attributes()) {
                    placed(a.value(), out);
                }
                placed(e.children(), out);
            }
        }
        return out;
    }

    /** Reads an element at {@code p}; sets {@link #after} just after its end tag. */
    private Element element(int p) {
        int token = u8(b, p);
        need(p, 11);
        int nameOffset = i32(b, p + 7);
        p += 11;
        boolean inlineName = isInline(nameOffset, p);
        String name = name(inlineName ? p : nameOffset, p - 4);
        if (inlineName) {
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
                    boolean inlineAttrName = isInline(attrNameOffset, p);
                    String attrName = name(inlineAttrName ? p : attrNameOffset, p - 4);
                    if (inlineAttrName) {
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
            try {
                while (!truncated) {
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
            } catch (RuntimeException e) {
                if (!salvaging) {
                    throw e;
                }
                truncated = true; // keep the children read so far; the enclosing elements stop too
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
                    boolean inlineName = isInline(nameOffset, p);
                    out.add(new Text(entity(name(inlineName ? p : nameOffset, p - 4))));
                    if (inlineName) {
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
                    boolean inlineName = isInline(nameOffset, p);
                    String target = name(inlineName ? p : nameOffset, p - 4);
                    if (inlineName) {
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
        if (carving && !intactName(offset, chars)) {
            throw new EvtxFormatException(at, "name at 0x" + Integer.toHexString(offset)
                    + " does not match its stored hash (overwritten)");
        }
        String name = strings.utf16(b, offset + 8, chars, false).intern();
        names[offset] = name;
        touched[touchedCount++] = offset;
        return name;
    }

    /** True when a name reference read just before {@code p} points to a name written inline at {@code p}. */
    private boolean isInline(int nameOffset, int p) {
        return nameOffset == p || shift != 0 && nameOffset + shift == p;
    }

    /**
     * True when the name at {@code offset} is whole: at least one character, a NUL after the
     * characters, and the stored hash equal to the hash of the characters (libevtx documentation: each
     * UTF-16 code unit added to the hash times 65599, low 16 bits kept).
     */
    private boolean intactName(int offset, int chars) {
        int end = offset + 8 + chars * 2;
        if (chars == 0 || end + 2 > EvtxChunk.SIZE || u16(b, end) != 0) {
            return false;
        }
        int hash = 0;
        for (int p = offset + 8; p < end; p += 2) {
            hash = hash * 65599 + u16(b, p);
        }
        return (hash & 0xffff) == u16(b, offset + 4);
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
