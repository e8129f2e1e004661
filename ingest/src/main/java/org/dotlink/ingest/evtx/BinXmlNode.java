package org.dotlink.ingest.evtx;

import java.util.BitSet;
import org.dotlink.core.FieldNames;

/**
 * The parsed form of a BinXML fragment: elements with attributes and content. Template definitions
 * are parsed once per chunk into these nodes; records then only supply substitution values.
 */
sealed interface BinXmlNode {

    /**
     * An element with its attributes and content, in document order; {@code fieldName} is its name
     * interned by {@link FieldNames}, once per template rather than once per record.
     */
    record Element(String name, String fieldName, Attribute[] attributes, BinXmlNode[] children) implements BinXmlNode {
        Element(String name, Attribute[] attributes, BinXmlNode[] children) {
            this(name, FieldNames.intern(name), attributes, children);
        }
    }

    /**
     * An attribute. {@code fieldName} is {@code element_attribute}, interned once when the template is
     * parsed; {@code literal} is the value when it is fixed text (most {@code Name="..."} attributes).
     */
    record Attribute(String name, String fieldName, BinXmlNode[] value, String literal) implements BinXmlNode {
        static Attribute of(String elementName, String name, BinXmlNode[] value) {
            String literal = value.length == 1 && value[0] instanceof Text t ? t.text() : null;
            if (literal != null && name.equals("Name")) {
                literal = FieldNames.intern(literal); // <Data Name="X">: X becomes a field name
            }
            return new Attribute(name, FieldNames.intern(elementName + "_" + name), value, literal);
        }
    }

    /** Literal character data: value tokens, CDATA, character and entity references, resolved. */
    record Text(String text) implements BinXmlNode {}

    /** A slot filled from the record's substitution values. Optional ones vanish when the value is empty. */
    record Substitution(int index, int type, boolean optional) implements BinXmlNode {}

    /** A processing instruction; kept so that nothing parsed is silently dropped, not rendered into fields. */
    record ProcessingInstruction(String target, String data) implements BinXmlNode {}

    /**
     * A template instance with its values: the definition's root nodes plus where each substitution
     * value lies in the chunk. Created per record (or per nested BinXML value).
     */
    record TemplateInstance(BinXmlNode[] roots, SubstitutionValues values) implements BinXmlNode {}

    /**
     * Stands for the part of a template definition that could not be read (only while carving records
     * from slack, where a definition may be gone or partly overwritten): the substitution values that
     * no readable part of the template places, given here so that they are still rendered, in order.
     * {@code placed} holds the indices the readable part does place.
     */
    record LostValues(BitSet placed) implements BinXmlNode {}
}
