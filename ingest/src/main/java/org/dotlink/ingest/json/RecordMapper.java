package org.dotlink.ingest.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import org.dotlink.core.Event;
import org.dotlink.core.FieldNames;
import org.dotlink.ingest.json.JsonShapes.Conv;
import org.dotlink.ingest.json.JsonShapes.Kind;
import org.dotlink.ingest.json.JsonShapes.Rule;
import org.dotlink.ingest.json.JsonShapes.Section;
import org.dotlink.ingest.json.JsonShapes.Shape;
import org.dotlink.ingest.json.JsonShapes.Slot;

/**
 * Streams one JSON record (the parser on its {@code START_OBJECT}) into an {@link Event}, by the
 * tables of {@link JsonShapes}: no tree is built. A record's shape is known only once its markers were
 * seen, and keys come in any order, so values outside the sections are held (as key node and text)
 * until the record's end and mapped then; section contents (EventData, evtx_dump's {@code Event}) mean
 * the same in every shape and are collected as they come.
 *
 * <p>One instance per thread: it caches the key paths it has met (a tree of {@link Node}s, each with
 * its rule per shape resolved once) and the interned EventData names, so a key costs one hash lookup
 * per occurrence and a table lookup once per distinct key.
 */
final class RecordMapper {

    /** Distinct keys cached below one node / EventData names cached; beyond that, looked up each time. */
    private static final int MAX_CACHED_CHILDREN = 4096;
    private static final int MAX_CACHED_NAMES = 65_536;

    private static final byte STRING = 0;
    private static final byte NUMBER = 1;
    private static final byte OTHER = 2; // true, false
    private static final byte NULL = 3;

    private static final String ATTRIBUTES = "#attributes";
    private static final String TEXT = "#text";
    private static final String XML_NAME = "xml_name";

    private final Node root = new Node(null, "", "", 0);
    private final HashMap<String, String> names = new HashMap<>();
    private final HashMap<String, HashMap<String, String>> attributeNames = new HashMap<>();
    private final JsonValues.Time time = new JsonValues.Time();

    // ---- per record ----
    private Shape shape;
    private Node[] heldNode = new Node[64];
    private String[] heldText = new String[64];
    private byte[] heldType = new byte[64];
    private int held;
    private final String[] slotValue = new String[Slot.ALL.length];
    private final int[] slotPriority = new int[Slot.ALL.length];
    /** System values named by the record itself (evtx_dump), in document order. */
    private String[] sysName = new String[16];
    private String[] sysValue = new String[16];
    private int sysCount;
    private String[] dataName = new String[64];
    private String[] dataValue = new String[64];
    private int dataCount;
    private String eventTimeLocal;
    private String receivedTimeLocal;
    private String receivedTimeUtc;

    /**
     * Maps the record whose {@code START_OBJECT} is the parser's current token, consuming it through
     * its {@code END_OBJECT}, and builds the event. On an exception the record is abandoned; the next
     * call starts afresh.
     */
    Event map(JsonParser p, Event.Builder out, long offset) throws IOException {
        reset();
        object(p, root);
        return finish(out, offset);
    }

    private void reset() {
        shape = Shape.FLAT;
        Arrays.fill(heldNode, 0, held, null);
        Arrays.fill(heldText, 0, held, null);
        held = 0;
        Arrays.fill(slotValue, null);
        sysCount = 0;
        dataCount = 0;
        eventTimeLocal = null;
        receivedTimeLocal = null;
        receivedTimeUtc = null;
    }

    // ---- walking the record -----------------------------------------------------------------------

    /** The members of an object outside any section; the parser is on its START_OBJECT. */
    private void object(JsonParser p, Node parent) throws IOException {
        String key;
        while ((key = p.nextFieldName()) != null) {
            Node n = parent.child(key);
            JsonToken t = p.nextToken();
            if (n.marker != null) {
                mark(n.marker);
            }
            value(p, t, n);
        }
        expectEnd(p, JsonToken.END_OBJECT);
    }

    private void value(JsonParser p, JsonToken t, Node n) throws IOException {
        switch (t) {
            case START_OBJECT -> {
                if (n.section != null) {
                    mark(n.section.shape);
                    switch (n.section) {
                        case EVENT_DATA, ECS_EVENT_DATA -> eventData(p);
                        case USER_DATA, ECS_USER_DATA -> userData(p);
                        case EVTX_EVENT -> evtxEvent(p);
                        case DOCUMENT -> object(p, root);
                    }
                } else if (n.skippable) {
                    p.skipChildren();
                } else {
                    object(p, n);
                }
            }
            case START_ARRAY -> {
                JsonToken e;
                while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (e == null) {
                        throw new IOException("unexpected end of input in an array");
                    }
                    value(p, e, n);
                }
            }
            default -> {
                if (n.skippable) {
                    return; // ignored in every shape: not even its text is built
                }
                hold(n, p, t);
            }
        }
    }

    private void mark(Shape s) {
        if (s.ordinal() > shape.ordinal()) {
            shape = s;
        }
    }

    private void hold(Node n, JsonParser p, JsonToken t) throws IOException {
        if (held == heldNode.length) {
            int size = held * 2;
            heldNode = Arrays.copyOf(heldNode, size);
            heldText = Arrays.copyOf(heldText, size);
            heldType = Arrays.copyOf(heldType, size);
        }
        heldNode[held] = n;
        heldType[held] = typeOf(t);
        heldText[held] = t == JsonToken.VALUE_NULL ? "" : p.getText();
        held++;
    }

    private static byte typeOf(JsonToken t) {
        return switch (t) {
            case VALUE_STRING -> STRING;
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> NUMBER;
            case VALUE_NULL -> NULL;
            default -> OTHER;
        };
    }

    /** Winlogbeat's event_data: every key an EventData name; nested objects by their leaves. */
    private void eventData(JsonParser p) throws IOException {
        String key;
        while ((key = p.nextFieldName()) != null) {
            leaf(p, p.nextToken(), name(key), false);
        }
        expectEnd(p, JsonToken.END_OBJECT);
    }

    /** Winlogbeat's user_data: the leaves by name, without its {@code xml_name}. */
    private void userData(JsonParser p) throws IOException {
        String key;
        while ((key = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            if (key.equals(XML_NAME)) {
                p.skipChildren();
            } else {
                leaf(p, t, name(key), false);
            }
        }
        expectEnd(p, JsonToken.END_OBJECT);
    }

    /**
     * A value as EventData named {@code name}: a scalar is one value (null is ""), an array gives one
     * value per element, an object gives its leaves by their own names. With {@code evtx}, objects are
     * XML elements: {@code #text} is the element's own value and {@code #attributes} are not values.
     */
    private void leaf(JsonParser p, JsonToken t, String name, boolean evtx) throws IOException {
        switch (t) {
            case START_ARRAY -> {
                JsonToken e;
                while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (e == null) {
                        throw new IOException("unexpected end of input in an array");
                    }
                    leaf(p, e, name, evtx);
                }
            }
            case START_OBJECT -> {
                boolean content = false;
                String key;
                while ((key = p.nextFieldName()) != null) {
                    JsonToken v = p.nextToken();
                    if (evtx && key.equals(ATTRIBUTES)) {
                        p.skipChildren();
                    } else if (evtx && key.equals(TEXT)) {
                        content = true;
                        leaf(p, v, name, true);
                    } else {
                        content = true;
                        leaf(p, v, name(key), evtx);
                    }
                }
                expectEnd(p, JsonToken.END_OBJECT);
                if (!content) {
                    data(name, ""); // an element without text or children: <Element/>
                }
            }
            case VALUE_NULL -> data(name, "");
            default -> data(name, evtx ? JsonValues.evtxDumpGuid(p.getText()) : p.getText());
        }
    }

    // ---- evtx_dump ---------------------------------------------------------------------------------

    /** evtx_dump's {@code Event} object: System, EventData, and any other section by its leaves. */
    private void evtxEvent(JsonParser p) throws IOException {
        String key;
        while ((key = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            switch (key) {
                case ATTRIBUTES -> p.skipChildren(); // xmlns
                case "System" -> {
                    if (t == JsonToken.START_OBJECT) {
                        evtxSystem(p);
                    } else {
                        p.skipChildren();
                    }
                }
                case "EventData" -> evtxEventData(p, t);
                default -> leaf(p, t, name(key), true);
            }
        }
        expectEnd(p, JsonToken.END_OBJECT);
    }

    /** System element {@code E}: its value as {@code E}, its attribute {@code A} as {@code E_A}. */
    private void evtxSystem(JsonParser p) throws IOException {
        String element;
        while ((element = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                evtxSystemValue(p, t, name(element));
                continue;
            }
            String key;
            while ((key = p.nextFieldName()) != null) {
                JsonToken v = p.nextToken();
                if (key.equals(ATTRIBUTES)) {
                    if (v != JsonToken.START_OBJECT) {
                        p.skipChildren();
                        continue;
                    }
                    String attribute;
                    while ((attribute = p.nextFieldName()) != null) {
                        JsonToken a = p.nextToken();
                        if (isNamespace(attribute)) {
                            p.skipChildren();
                        } else {
                            evtxSystemValue(p, a, attributeName(element, attribute));
                        }
                    }
                    expectEnd(p, JsonToken.END_OBJECT);
                } else if (key.equals(TEXT)) {
                    evtxSystemValue(p, v, name(element));
                } else {
                    leaf(p, v, name(key), true); // not seen from evtx_dump: kept as a leaf, not lost
                }
            }
            expectEnd(p, JsonToken.END_OBJECT);
        }
        expectEnd(p, JsonToken.END_OBJECT);
    }

    /** A System value; an empty one (null, "") is no value, as the EVTX reader leaves such elements out. */
    private void evtxSystemValue(JsonParser p, JsonToken t, String field) throws IOException {
        switch (t) {
            case START_ARRAY -> {
                JsonToken e;
                while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (e == null) {
                        throw new IOException("unexpected end of input in an array");
                    }
                    evtxSystemValue(p, e, field);
                }
            }
            case START_OBJECT -> leaf(p, t, field, true);
            case VALUE_NULL -> { }
            default -> {
                String s = p.getText();
                if (s.isEmpty()) {
                    return;
                }
                String v = JsonShapes.evtxDumpConv(field) == Conv.TIME ? JsonValues.isoTime(s, time)
                        : JsonValues.evtxDumpGuid(s);
                system(field, v == null ? s : v);
            }
        }
    }

    /** EventData: {@code <Data Name="X">} as {@code X}, its own attributes as {@code EventData_A}. */
    private void evtxEventData(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return;
        }
        if (t != JsonToken.START_OBJECT) {
            leaf(p, t, FieldNames.DATA, true);
            return;
        }
        String key;
        while ((key = p.nextFieldName()) != null) {
            JsonToken v = p.nextToken();
            if (key.equals(ATTRIBUTES) && v == JsonToken.START_OBJECT) {
                String attribute;
                while ((attribute = p.nextFieldName()) != null) {
                    JsonToken a = p.nextToken();
                    if (isNamespace(attribute)) {
                        p.skipChildren();
                    } else {
                        leaf(p, a, attributeName("EventData", attribute), true);
                    }
                }
                expectEnd(p, JsonToken.END_OBJECT);
            } else {
                leaf(p, v, name(key), true);
            }
        }
        expectEnd(p, JsonToken.END_OBJECT);
    }

    private static boolean isNamespace(String attribute) {
        return attribute.equals("xmlns") || attribute.startsWith("xmlns:");
    }

    // ---- the end of a record -----------------------------------------------------------------------

    private Event finish(Event.Builder out, long offset) {
        Shape s = shape;
        for (int i = 0; i < held; i++) {
            apply(heldNode[i].rules[s.ordinal()], heldNode[i], heldType[i], heldText[i]);
        }
        if (eventTimeLocal != null) {
            nxlogEventTime();
        }
        out.offset(offset);
        for (Slot slot : Slot.ALL) {
            String v = slotValue[slot.ordinal()];
            if (v != null) {
                out.addInterned(slot.field, v);
            }
        }
        for (int i = 0; i < sysCount; i++) {
            out.addInterned(sysName[i], sysValue[i]);
        }
        for (int i = 0; i < dataCount; i++) {
            out.addInterned(dataName[i], dataValue[i]);
            dataValue[i] = null;
        }
        return out.build();
    }

    private void apply(Rule rule, Node n, byte type, String text) {
        Rule r = rule;
        while (r.otherwise() != null && !applies(r, type, text)) {
            r = r.otherwise();
        }
        switch (r.kind()) {
            case IGNORE -> { }
            case DATA -> data(n.dataName(), r.conv() == Conv.GUID_VALUE ? guidValue(text) : text);
            case SYSTEM -> {
                if (type != NULL && !text.isEmpty()) {
                    offer(r.slot(), r.priority(), convert(r.conv(), text));
                }
            }
            case EVENT_TIME_LOCAL -> eventTimeLocal = type == NULL ? null : text;
            case RECEIVED_TIME_LOCAL -> receivedTimeLocal = type == NULL ? null : text;
            case RECEIVED_TIME_UTC -> {
                if (type != NULL && !text.isEmpty()) {
                    receivedTimeUtc = text;
                    offer(Slot.TIME_CREATED, r.priority(), convert(Conv.TIME, text));
                }
            }
        }
    }

    private static String guidValue(String text) {
        if (text.length() == 38 && text.charAt(0) == '{') {
            String g = JsonValues.guid(text);
            if (g != null) {
                return g;
            }
        }
        return text;
    }

    private static boolean applies(Rule r, byte type, String text) {
        return switch (r.when()) {
            case ALWAYS -> true;
            case NUMBER -> type == NUMBER;
            case INTEGRAL -> (type == NUMBER || type == STRING) && JsonValues.isIntegral(text);
            case VALUE_IN -> r.values().contains(text);
        };
    }

    private String convert(Conv conv, String text) {
        String v = switch (conv) {
            case TEXT, INTEGER -> text;
            case GUID_VALUE -> guidValue(text);
            case KEYWORDS -> JsonValues.keywords(text);
            case GUID -> JsonValues.guid(text);
            case TIME -> JsonValues.isoTime(text, time);
        };
        return v == null ? text : v;
    }

    /**
     * NXLog's EventTime is local time of the collector. With Logstash's {@code @timestamp} (UTC) and
     * NXLog's {@code EventReceivedTime} (local) stamping the same arrival, their difference rounded to
     * 15 minutes is the collector's UTC offset (see {@link JsonShapes}); without them, EventTime is read
     * as UTC, last of all candidates.
     */
    private void nxlogEventTime() {
        JsonValues.Time t = time;
        if (receivedTimeLocal != null && receivedTimeUtc != null && t.parse(receivedTimeUtc) && t.zoned) {
            long utc = t.epochSeconds;
            if (t.parse(receivedTimeLocal) && !t.zoned) {
                long offset = Math.round((t.epochSeconds - utc) / 900.0) * 900;
                if (Math.abs(offset) <= JsonValues.MAX_ZONE_OFFSET_SECONDS && t.parse(eventTimeLocal)) {
                    long seconds = t.zoned ? t.epochSeconds : t.epochSeconds - offset;
                    String v = JsonValues.format(seconds, t.fraction100ns);
                    if (v != null) {
                        offer(Slot.TIME_CREATED, JsonShapes.SECOND, v);
                        return;
                    }
                }
            }
        }
        String v = JsonValues.isoTime(eventTimeLocal, t);
        offer(Slot.TIME_CREATED, JsonShapes.LAST, v == null ? eventTimeLocal : v);
    }

    /** A System value from a table: kept when no value of a better (lower) priority is there. */
    private void offer(Slot slot, int priority, String value) {
        int i = slot.ordinal();
        if (slotValue[i] == null || priority < slotPriority[i]) {
            slotValue[i] = value;
            slotPriority[i] = priority;
        }
    }

    private void system(String field, String value) {
        if (sysCount == sysName.length) {
            sysName = Arrays.copyOf(sysName, sysCount * 2);
            sysValue = Arrays.copyOf(sysValue, sysCount * 2);
        }
        sysName[sysCount] = field;
        sysValue[sysCount++] = value;
    }

    private void data(String field, String value) {
        if (dataCount == dataName.length) {
            dataName = Arrays.copyOf(dataName, dataCount * 2);
            dataValue = Arrays.copyOf(dataValue, dataCount * 2);
        }
        dataName[dataCount] = field;
        dataValue[dataCount++] = value;
    }

    private static void expectEnd(JsonParser p, JsonToken end) throws IOException {
        if (p.currentToken() != end) {
            throw new IOException("unexpected end of input, expected " + (end == JsonToken.END_OBJECT ? "'}'" : "']'"));
        }
    }

    // ---- names -------------------------------------------------------------------------------------

    /** The interned field name for a key, cached (Jackson hands out the same String for the same key). */
    private String name(String key) {
        String n = names.get(key);
        if (n == null) {
            n = FieldNames.intern(key);
            if (names.size() < MAX_CACHED_NAMES) {
                names.put(key, n);
            }
        }
        return n;
    }

    /** {@code element_attribute}, interned, cached per pair. */
    private String attributeName(String element, String attribute) {
        HashMap<String, String> byAttribute = attributeNames.get(element);
        if (byAttribute == null) {
            byAttribute = new HashMap<>();
            if (attributeNames.size() < MAX_CACHED_NAMES) {
                attributeNames.put(element, byAttribute);
            }
        }
        String n = byAttribute.get(attribute);
        if (n == null) {
            n = FieldNames.intern(element + "_" + attribute);
            if (byAttribute.size() < MAX_CACHED_CHILDREN) {
                byAttribute.put(attribute, n);
            }
        }
        return n;
    }

    /** A key path met in records, with what it means in each shape (resolved once, when first met). */
    static final class Node {
        final String key;
        final String path;
        final int depth;
        final Section section;
        final Shape marker;
        final Rule[] rules = new Rule[Shape.values().length];
        /** Ignored in every shape, and nothing below it is mapped: skipped without reading it. */
        final boolean skippable;
        private final String dataSuffix;
        private String dataName;
        private HashMap<String, Node> children;

        Node(Node parent, String key, String path, int depth) {
            this.key = key;
            this.path = path;
            this.depth = depth;
            if (parent == null) {
                section = null;
                marker = null;
                dataSuffix = null;
                Arrays.fill(rules, Rule.IGNORE);
                skippable = false;
                return;
            }
            section = JsonShapes.section(path);
            String sectionPath = section == null ? JsonShapes.sectionPrefix(path) : null;
            if (sectionPath != null) {
                // A flattened key below a section ("winlog.event_data.Image"): EventData "Image".
                Section below = JsonShapes.section(sectionPath);
                marker = below.shape;
                dataSuffix = below.isEventData() ? path.substring(sectionPath.length() + 1)
                        : path.substring(path.lastIndexOf('.') + 1);
                Arrays.fill(rules, below.isEventData() || !dataSuffix.equals(XML_NAME) ? Rule.DATA : Rule.IGNORE);
            } else {
                marker = JsonShapes.marker(path);
                dataSuffix = null;
                for (Shape s : Shape.values()) {
                    rules[s.ordinal()] = JsonShapes.rule(s, path, depth);
                }
            }
            boolean ignored = true;
            for (Rule r : rules) {
                ignored &= r.kind() == Kind.IGNORE && r.otherwise() == null;
            }
            // A marker counts once: below an object that carries the same marker, it adds nothing.
            boolean marks = marker != null && marker != parent.marker;
            skippable = ignored && section == null && !marks && !JsonShapes.hasMappedKeysBelow(path);
        }

        Node child(String key) {
            Node n = children == null ? null : children.get(key);
            if (n == null) {
                n = new Node(this, key, depth == 0 ? key : path + "." + key, depth + 1);
                if (children == null) {
                    children = new HashMap<>();
                }
                if (children.size() < MAX_CACHED_CHILDREN) {
                    children.put(key, n);
                }
            }
            return n;
        }

        /** The EventData name of this key, interned. */
        String dataName() {
            String n = dataName;
            if (n == null) {
                n = FieldNames.intern(dataSuffix != null ? dataSuffix : key);
                dataName = n;
            }
            return n;
        }
    }
}
