package org.dotlink.ingest.evtx;

import org.dotlink.core.Event;
import org.dotlink.core.FieldNames;
import org.dotlink.ingest.evtx.BinXmlNode.Attribute;
import org.dotlink.ingest.evtx.BinXmlNode.Element;
import org.dotlink.ingest.evtx.BinXmlNode.LostValues;
import org.dotlink.ingest.evtx.BinXmlNode.Substitution;
import org.dotlink.ingest.evtx.BinXmlNode.TemplateInstance;
import org.dotlink.ingest.evtx.BinXmlNode.Text;

/**
 * Turns a record's BinXML nodes and substitution values into canonical event fields (DESIGN.md):
 * System children by element name and {@code Element_Attribute}; EventData {@code <Data Name="X">} as
 * {@code X}, unnamed {@code <Data>} as {@code Data}, {@code <Binary>} as {@code Binary}; UserData and
 * other sections by the names of their leaf elements. No XML text is built on the way.
 *
 * <p>For records carved from slack, a template part that is lost ({@link LostValues}) gives its
 * values in order: nested BinXML values as the elements they hold, every other value appended to
 * {@code Data} (a NULL value as ""); a nested BinXML value that no longer reads is skipped. Both count
 * as lost parts ({@link #lostParts()}), so that the carver can tell a partly rendered record.
 */
final class EventRenderer {

    private static final String NAME = "Name";
    /** Deepest nesting of elements, template instances and nested BinXML values a record may have. */
    private static final int MAX_DEPTH = 64;
    /**
     * Work a record may cost: one unit per element visited, one per 16 bytes of nested BinXML parsed.
     * Real records cost tens to hundreds; a crafted record whose nested values are referenced twice
     * per level would otherwise cost 2^levels.
     */
    private static final int MAX_WORK = 100_000;

    private final BinXmlReader reader;
    private final ValueRenderer values;
    private byte[] b;
    private final StringBuilder text = new StringBuilder(256);
    private int depth;
    private int work;
    private int lostParts;

    EventRenderer(BinXmlReader reader, ValueRenderer values) {
        this.reader = reader;
        this.values = values;
    }

    void reset(byte[] chunk) {
        this.b = chunk;
    }

    /** Renders the nodes of a record's fragment (usually one template instance) into {@code out}. */
    void render(BinXmlNode[] fragment, Event.Builder out) {
        depth = 0;
        work = 0;
        lostParts = 0;
        forEachElement(fragment, SubstitutionValues.NONE, Role.ROOT, out);
    }

    /** How many lost template parts and unreadable nested values the last {@link #render} met. */
    int lostParts() {
        return lostParts;
    }

    /** What an element is to the canonical form, which decides how it becomes fields. */
    private enum Role { ROOT, SECTION, SYSTEM_VALUE, EVENT_DATA, LEAVES }

    private void visit(Element e, SubstitutionValues vals, Role role, Event.Builder out) {
        switch (role) {
            case ROOT -> forEachElement(e.children(), vals, Role.SECTION, out);
            case SECTION -> section(e, vals, out);
            case SYSTEM_VALUE -> systemValue(e, vals, out);
            case EVENT_DATA -> eventData(e, vals, out);
            case LEAVES -> leaves(e, vals, out);
        }
    }

    private void section(Element section, SubstitutionValues vals, Event.Builder out) {
        switch (section.name()) {
            case "System" -> forEachElement(section.children(), vals, Role.SYSTEM_VALUE, out);
            case "EventData" -> {
                // <EventData Name="TaskDisabled">: kept as EventData_Name, like the System attributes.
                for (Attribute a : section.attributes()) {
                    Object v = attributeValue(a, vals);
                    if (v != null) {
                        add(out, a.fieldName(), v);
                    }
                }
                forEachElement(section.children(), vals, Role.EVENT_DATA, out);
            }
            default -> leaves(section, vals, out);
        }
    }

    private void systemValue(Element e, SubstitutionValues vals, Event.Builder out) {
        if (omitted(e, vals)) {
            return;
        }
        for (Attribute a : e.attributes()) {
            Object v = attributeValue(a, vals);
            if (v != null) {
                add(out, a.fieldName(), v);
            }
        }
        if (e.children().length > 0) {
            Object v = content(e, vals);
            if (v != null) {
                add(out, e.fieldName(), v);
            }
        }
    }

    private void eventData(Element e, SubstitutionValues vals, Event.Builder out) {
        if (omitted(e, vals)) {
            return;
        }
        switch (e.name()) {
            case "Data" -> {
                String field = FieldNames.DATA;
                for (Attribute a : e.attributes()) {
                    if (a.name().equals(NAME)) {
                        if (a.literal() != null) {
                            field = a.literal(); // interned when the template was read
                        } else {
                            Object name = attributeValue(a, vals);
                            if (name != null) {
                                field = FieldNames.intern(name instanceof String s ? s : String.join(",", (String[]) name));
                            }
                        }
                    }
                }
                Object v = content(e, vals);
                add(out, field, v == null ? "" : v);
            }
            case "Binary" -> {
                Object v = content(e, vals);
                add(out, FieldNames.BINARY, v == null ? "" : v);
            }
            default -> leaves(e, vals, out);
        }
    }

    /** Adds every leaf element below (and including) {@code e} by its element name. */
    private void leaves(Element e, SubstitutionValues vals, Event.Builder out) {
        if (hasChildElements(e, vals)) {
            forEachElement(e.children(), vals, Role.LEAVES, out);
        } else if (!omitted(e, vals)) {
            Object v = content(e, vals);
            add(out, e.fieldName(), v == null ? "" : v);
        }
    }

    /** True when {@code e} has child elements, written inline or arriving as a nested BinXML value. */
    private static boolean hasChildElements(Element e, SubstitutionValues vals) {
        for (BinXmlNode c : e.children()) {
            if (c instanceof Element || c instanceof Substitution s && isBinXml(s, vals)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when {@code e} holds an optional substitution whose value is NULL: such an
     * element is not rendered at all (MS-EVEN6 3.1.4.7.2, "Optional Substitutions"), so it gives no
     * field, rather than an empty one. An element that is empty in the template still gives "".
     */
    private static boolean omitted(Element e, SubstitutionValues vals) {
        for (BinXmlNode c : e.children()) {
            if (c instanceof Substitution s && s.optional() && vals.isNull(s.index())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Visits the elements among {@code nodes}, looking through template instances and nested BinXML
     * values, so that a section filled by a substitution reads like one written inline.
     */
    private void forEachElement(BinXmlNode[] nodes, SubstitutionValues vals, Role role, Event.Builder out) {
        try {
            if (++depth > MAX_DEPTH) {
                throw new EvtxFormatException(vals.count() > 0 ? vals.offsets()[0] : 0,
                        "record nests elements and values deeper than " + MAX_DEPTH + " levels");
            }
            for (BinXmlNode n : nodes) {
                if (n instanceof Element e) {
                    spend(1, vals);
                    visit(e, vals, role, out);
                } else if (n instanceof TemplateInstance t) {
                    forEachElement(t.roots(), t.values(), role, out);
                } else if (n instanceof Substitution s && isBinXml(s, vals)) {
                    nested(s.index(), vals, role, out);
                } else if (n instanceof LostValues lost) {
                    lostValues(lost, vals, role == Role.ROOT ? Role.SECTION : role, out);
                }
            }
        } finally {
            depth--;
        }
    }

    /** Renders nested BinXML value {@code i} as the elements it holds. */
    private void nested(int i, SubstitutionValues vals, Role role, Event.Builder out) {
        spend(1 + vals.sizes()[i] / 16, vals);
        BinXmlNode[] nested;
        try {
            nested = reader.readFragment(vals.offsets()[i], vals.offsets()[i] + vals.sizes()[i]);
        } catch (RuntimeException e) {
            if (!reader.carving()) {
                throw e;
            }
            lostParts++; // overwritten since the record was written: its elements are gone
            return;
        }
        forEachElement(nested, SubstitutionValues.NONE, role, out);
    }

    /** The values a lost template part would have placed, in order (see the class comment). */
    private void lostValues(LostValues lost, SubstitutionValues vals, Role role, Event.Builder out) {
        lostParts++;
        for (int i = 0; i < vals.count(); i++) {
            if (lost.placed().get(i)) {
                continue;
            }
            if (vals.types()[i] == ValueType.BIN_XML) {
                if (vals.sizes()[i] > 0) {
                    nested(i, vals, role, out);
                }
            } else if (vals.isEmpty(i)) {
                out.addInterned(FieldNames.DATA, "");
            } else {
                add(out, FieldNames.DATA, lostValue(i, vals));
            }
        }
    }

    /** A value rendered by its type, or as hex bytes when its size does not fit the type (damaged). */
    private Object lostValue(int i, SubstitutionValues vals) {
        int off = vals.offsets()[i];
        int size = vals.sizes()[i];
        try {
            return values.render(b, off, size, vals.types()[i]);
        } catch (EvtxFormatException e) {
            return ValueRenderer.hexBytes(b, off, size);
        }
    }

    private void spend(int units, SubstitutionValues vals) {
        work += units;
        if (work > MAX_WORK) {
            throw new EvtxFormatException(vals.count() > 0 ? vals.offsets()[0] : 0,
                    "record expands to more than " + MAX_WORK + " elements (nested values referenced repeatedly)");
        }
    }

    private static boolean isBinXml(Substitution s, SubstitutionValues vals) {
        return s.index() < vals.count() && vals.types()[s.index()] == ValueType.BIN_XML && vals.sizes()[s.index()] > 0;
    }

    /**
     * The text of an element: its text nodes and substituted values, concatenated. A lone array value
     * gives a {@code String[]}. Null when the element holds only optional substitutions that are empty.
     */
    private Object content(Element e, SubstitutionValues vals) {
        return join(e.children(), vals);
    }

    private Object attributeValue(Attribute a, SubstitutionValues vals) {
        if (a.literal() != null) {
            return a.literal();
        }
        return join(a.value(), vals);
    }

    private Object join(BinXmlNode[] parts, SubstitutionValues vals) {
        if (parts.length == 1) {
            return single(parts[0], vals);
        }
        text.setLength(0);
        boolean any = false;
        for (BinXmlNode part : parts) {
            Object v = single(part, vals);
            if (v instanceof String s) {
                text.append(s);
                any = true;
            } else if (v instanceof String[] a) {
                text.append(String.join(", ", a));
                any = true;
            }
        }
        return any ? text.toString() : null;
    }

    private Object single(BinXmlNode part, SubstitutionValues vals) {
        if (part instanceof Text t) {
            return t.text();
        }
        if (part instanceof Substitution s) {
            int i = s.index();
            if (vals.isNull(i)) {
                return s.optional() ? null : "";
            }
            if (vals.sizes()[i] == 0) {
                return "";
            }
            int type = vals.types()[i];
            if (type == ValueType.BIN_XML) {
                return null; // rendered as elements by forEachElement, not as text
            }
            return values.render(b, vals.offsets()[i], vals.sizes()[i], type);
        }
        return null;
    }

    private static void add(Event.Builder out, String field, Object value) {
        if (value instanceof String s) {
            out.addInterned(field, s);
        } else {
            for (String s : (String[]) value) {
                out.addInterned(field, s);
            }
        }
    }
}
