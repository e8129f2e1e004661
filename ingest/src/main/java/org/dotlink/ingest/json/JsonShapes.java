package org.dotlink.ingest.json;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dotlink.core.FieldNames;

/**
 * The JSON shapes Windows events come in, and how each one's keys map onto the canonical fields
 * (DESIGN.md, "Events: the canonical form"). All of the mapping is in the tables of this class;
 * {@link RecordMapper} only walks a record and looks keys up here.
 *
 * <h2>Which shape a record has</h2>
 * Decided per record (a file may mix them) by marker keys, strongest first: a root {@code Event}
 * object is evtx_dump; a {@code winlog} object or any {@code winlog.*} key is Winlogbeat/ECS;
 * {@code event_data}, {@code user_data}, {@code log_name}, {@code computer_name}, {@code record_number}
 * or {@code source_name} is old Winlogbeat (5.x/6.x); anything else is flat (NXLog, Logstash, and
 * similar exports with the event's fields at the top level). Key paths are dotted: a nested
 * {@code {"winlog": {"channel": ...}}} and a flattened {@code {"winlog.channel": ...}} are the same key.
 * An Elasticsearch document ({@code _index}, {@code _id}, {@code _source}) is read as its
 * {@code _source}.
 *
 * <h2>The System values</h2>
 * <pre>
 * canonical field            flat (NXLog, Logstash)       Winlogbeat 6.x        Winlogbeat/ECS (7+)           evtx_dump (Event.System.)
 * EventID                    EventID                      event_id              winlog.event_id               EventID (#text)
 *                                                                               event.code (2nd)
 * Channel                    Channel                      log_name              winlog.channel                Channel
 * Computer                   Hostname                     computer_name         winlog.computer_name          Computer
 *                                                                               host.name (2nd)
 * Provider_Name              SourceName                   source_name           winlog.provider_name          Provider #attributes.Name
 *                                                                               event.provider (2nd)
 * Provider_Guid              ProviderGuid                 provider_guid         winlog.provider_guid          Provider #attributes.Guid
 * EventRecordID              RecordNumber                 record_number         winlog.record_id              EventRecordID
 * Level                      Level (if integral)          -                     -                             Level
 * Task                       Task (if integral)           -                     -                             Task
 * Opcode                     OpcodeValue                  -                     -                             Opcode
 *                            Opcode (2nd, if integral)
 * Keywords                   Keywords                     -                     -                             Keywords
 * Version                    Version (if a JSON number)   version               winlog.version                Version
 * TimeCreated_SystemTime     see "Times" below            &#64;timestamp            winlog.time_created           TimeCreated #attributes.SystemTime
 *                                                                               &#64;timestamp (2nd)
 * Execution_ProcessID        ExecutionProcessID           process_id            winlog.process.pid            Execution #attributes.ProcessID
 *                            ProcessID (2nd, if a JSON number)
 * Execution_ThreadID         ExecutionThreadID            thread_id             winlog.process.thread.id      Execution #attributes.ThreadID
 *                            ThreadID (2nd, if a JSON number)
 * Security_UserID            UserID                       user.identifier       winlog.user.identifier        Security #attributes.UserID
 * Correlation_ActivityID     ActivityID                   activity_id           winlog.activity_id            Correlation #attributes.ActivityID
 * Correlation_RelatedActivityID  RelatedActivityID        related_activity_id   winlog.related_activity_id    Correlation #attributes.RelatedActivityID
 * </pre>
 * "(2nd)" is a fallback, used only when the first key is absent. "If integral" / "if a JSON number":
 * otherwise the value is NXLog's rendered name (Level, Task, Opcode: ignored) or the event's own
 * EventData of that name (Version, ProcessID, ThreadID: a Security 5156 event has a {@code ProcessID}
 * string of its own). A "-" means the shape carries only a rendered name ("Information", "Info",
 * "Audit Success"), not the value Windows writes in the XML, so the canonical field is left out
 * rather than filled with something else. Values are converted as in
 * {@link Conv}: numbers as decimal text, GUIDs as {@code {UPPER}}, Keywords as {@code 0x} + lowercase
 * hex (NXLog writes the mask as a signed decimal), times as ISO-8601 UTC with 7 fractional digits.
 *
 * <h2>EventData</h2>
 * Flat: every top-level key not in the flat table is an EventData name, taken as itself (nested
 * objects of the shipper are not; a top-level array gives repeated values); a value that is exactly a
 * braced GUID is upper-cased, as Windows writes it ({@link Conv#GUID_VALUE}). Winlogbeat:
 * the keys of {@code event_data} / {@code winlog.event_data}; UserData ({@code user_data}) by the
 * names of its leaves, without Winlogbeat's {@code xml_name}. evtx_dump (XML attributes under
 * {@code #attributes}, element text under {@code #text} when an element has attributes too):
 * {@code Event.EventData.X} as {@code X}, the attributes of {@code <EventData>} as
 * {@code EventData_A}, unnamed {@code <Data>} as the list {@code Data}; any other section
 * ({@code UserData}, {@code RenderingInfo}, ...) by the names of its leaf elements; a System element
 * {@code E} as {@code E} and its attribute {@code A} as {@code E_A} (so also {@code EventID_Qualifiers},
 * {@code Provider_EventSourceName}); exactly as the EVTX reader names them. evtx_dump writes GUID-typed
 * values as bare upper-case GUIDs: those get their braces back, everywhere in the record. JSON null is
 * an empty value (""), JSON numbers and booleans their text.
 *
 * <h2>Times</h2>
 * Winlogbeat's {@code @timestamp} is the event's creation time. NXLog's {@code EventTime} is the
 * creation time in the <em>local time of the collecting host, without a zone</em>, and Logstash's
 * {@code @timestamp} is when Logstash received the record (seconds later). The flat shape therefore
 * takes, in order: {@code TimeCreated} (a time without a zone is read as UTC); {@code EventTime}
 * turned into UTC with the collector's offset, which is {@code EventReceivedTime} (local) minus
 * {@code @timestamp} (UTC) rounded to 15 minutes (both stamp the same arrival, seconds apart);
 * {@code @timestamp} (the arrival, an approximation); {@code EventTime} read as UTC (last resort).
 *
 * <h2>Left out on purpose</h2>
 * The shippers' own metadata and renderings, listed per shape in the tables below (IGNORE): e.g.
 * NXLog's {@code Message}, {@code Category}, {@code Severity}, {@code SeverityValue}, {@code EventType}
 * (AUDIT_SUCCESS/INFO/...; a Sysmon {@code EventType} such as SetValue is EventData and kept),
 * {@code SourceModuleName}, {@code EventReceivedTime}, {@code AccountName}/{@code Domain}/{@code AccountType}
 * (resolved from UserID); Logstash's {@code @version}, {@code host}, {@code port}, {@code tags},
 * {@code type}; Winlogbeat's {@code beat}, {@code agent}, {@code host}, {@code message}, {@code level},
 * {@code task}, {@code opcode}, {@code keywords} (names, not values) and the ECS fields it derives.
 */
final class JsonShapes {

    private JsonShapes() {}

    /** The shapes, weakest marker first: a record with markers of several shapes has the last one. */
    enum Shape { FLAT, WINLOGBEAT_6, WINLOGBEAT_ECS, EVTX_DUMP }

    /**
     * The canonical System fields in the order the EVTX reader writes them (the XML order); a record's
     * System values are added in this order, before its EventData.
     */
    enum Slot {
        PROVIDER_NAME(FieldNames.PROVIDER_NAME),
        PROVIDER_GUID(FieldNames.PROVIDER_GUID),
        EVENT_ID(FieldNames.EVENT_ID),
        VERSION(FieldNames.VERSION),
        LEVEL(FieldNames.LEVEL),
        TASK(FieldNames.TASK),
        OPCODE(FieldNames.OPCODE),
        KEYWORDS(FieldNames.KEYWORDS),
        TIME_CREATED(FieldNames.TIME_CREATED),
        EVENT_RECORD_ID(FieldNames.EVENT_RECORD_ID),
        ACTIVITY_ID("Correlation_ActivityID"),
        RELATED_ACTIVITY_ID("Correlation_RelatedActivityID"),
        PROCESS_ID(FieldNames.PROCESS_ID),
        THREAD_ID(FieldNames.THREAD_ID),
        CHANNEL(FieldNames.CHANNEL),
        COMPUTER(FieldNames.COMPUTER),
        USER_ID(FieldNames.USER_ID);

        static final Slot[] ALL = values();

        /** The canonical field name, interned. */
        final String field;

        Slot(String field) {
            this.field = FieldNames.intern(field);
        }
    }

    /** How a value is rendered into its canonical field. */
    enum Conv {
        /** As written (a JSON number or boolean as its text). */
        TEXT,
        /** A decimal integer, as written. */
        INTEGER,
        /** The Keywords mask: {@link JsonValues#keywords}. */
        KEYWORDS,
        /** {@link JsonValues#guid}; a value that is not a GUID is kept as written. */
        GUID,
        /** ISO-8601 UTC with 7 fractional digits ({@link JsonValues.Time}); kept as written when not a time. */
        TIME,
        /**
         * EventData from NXLog: a value that is exactly a braced GUID is written in upper case, as Windows
         * renders GUID-typed values in the event XML (NXLog writes them in lower case: a Sysmon
         * {@code ProcessGuid} of {@code {b34bc01c-2f95-...}} is {@code {B34BC01C-2F95-...}} in the XML
         * and in Winlogbeat's export of the same kind of event); any other value as written.
         */
        GUID_VALUE
    }

    /** What a key's value is to the canonical form. */
    enum Kind {
        /** A System value, into {@link Rule#slot}. */
        SYSTEM,
        /** An EventData value named by the key. */
        DATA,
        /** Shipper metadata or a rendering: not part of the event. */
        IGNORE,
        /** NXLog's {@code EventTime}: creation time, local time of the collector without a zone. */
        EVENT_TIME_LOCAL,
        /** NXLog's {@code EventReceivedTime}: arrival, local time of the collector without a zone. */
        RECEIVED_TIME_LOCAL,
        /** Logstash's {@code @timestamp} beside NXLog's fields: arrival in UTC (and a fallback creation time). */
        RECEIVED_TIME_UTC
    }

    /** When a rule applies; otherwise its {@link Rule#otherwise} does. */
    enum When {
        ALWAYS,
        /** The value is a JSON number. */
        NUMBER,
        /** The value is a JSON integer or a string of decimal digits. */
        INTEGRAL,
        /** The value is one of {@link Rule#values}. */
        VALUE_IN
    }

    /** One key's meaning in one shape. */
    record Rule(Kind kind, Slot slot, Conv conv, int priority, When when, Set<String> values, Rule otherwise) {

        static final Rule IGNORE = new Rule(Kind.IGNORE, null, Conv.TEXT, 0, When.ALWAYS, Set.of(), null);
        static final Rule DATA = new Rule(Kind.DATA, null, Conv.TEXT, 0, When.ALWAYS, Set.of(), null);
        /** EventData of the flat shape (NXLog): see {@link Conv#GUID_VALUE}. */
        static final Rule FLAT_DATA = new Rule(Kind.DATA, null, Conv.GUID_VALUE, 0, When.ALWAYS, Set.of(), null);

        static Rule system(Slot slot, Conv conv, int priority) {
            return new Rule(Kind.SYSTEM, slot, conv, priority, When.ALWAYS, Set.of(), null);
        }

        static Rule of(Kind kind, Conv conv, int priority) {
            return new Rule(kind, Slot.TIME_CREATED, conv, priority, When.ALWAYS, Set.of(), null);
        }

        Rule when(When when, Rule otherwise) {
            return new Rule(kind, slot, conv, priority, when, values, otherwise);
        }

        Rule whenValueIn(Set<String> values, Rule otherwise) {
            return new Rule(kind, slot, conv, priority, When.VALUE_IN, values, otherwise);
        }
    }

    /**
     * What a key holding an object (or the dotted prefix of flattened keys) is; an object there marks
     * the record as {@link #shape}.
     */
    enum Section {
        /** Winlogbeat 6's EventData: every key is an EventData name. */
        EVENT_DATA(Shape.WINLOGBEAT_6),
        /** Winlogbeat 6's UserData: leaves by name, {@code xml_name} left out. */
        USER_DATA(Shape.WINLOGBEAT_6),
        /** Winlogbeat/ECS EventData. */
        ECS_EVENT_DATA(Shape.WINLOGBEAT_ECS),
        /** Winlogbeat/ECS UserData. */
        ECS_USER_DATA(Shape.WINLOGBEAT_ECS),
        /** evtx_dump's {@code Event}: the XML structure (see the class comment). */
        EVTX_EVENT(Shape.EVTX_DUMP),
        /**
         * An Elasticsearch document's {@code _source} (elasticdump and similar exports write
         * {@code {"_index": ..., "_id": ..., "_source": {record}}}): its members are the record's.
         */
        DOCUMENT(Shape.FLAT);

        final Shape shape;

        Section(Shape shape) {
            this.shape = shape;
        }

        boolean isEventData() {
            return this == EVENT_DATA || this == ECS_EVENT_DATA;
        }
    }

    // ---- the tables -------------------------------------------------------------------------------

    /** Priorities of candidates for one canonical field: the lowest present wins. */
    static final int FIRST = 0;
    static final int SECOND = 1;
    static final int THIRD = 2;
    static final int LAST = 3;

    /** NXLog's own EventType values (im_msvistalog); any other EventType is the event's own data. */
    private static final Set<String> NXLOG_EVENT_TYPES = Set.of("AUDIT_SUCCESS", "AUDIT_FAILURE", "INFO",
            "WARNING", "ERROR", "CRITICAL", "VERBOSE", "DEBUG");

    /** Flat NXLog / Logstash exports. Keys not listed are EventData (top level) or ignored (nested). */
    private static final Map<String, Rule> FLAT = table(
            "EventID", Rule.system(Slot.EVENT_ID, Conv.INTEGER, FIRST),
            "Channel", Rule.system(Slot.CHANNEL, Conv.TEXT, FIRST),
            "Hostname", Rule.system(Slot.COMPUTER, Conv.TEXT, FIRST),
            "SourceName", Rule.system(Slot.PROVIDER_NAME, Conv.TEXT, FIRST),
            "ProviderGuid", Rule.system(Slot.PROVIDER_GUID, Conv.GUID, FIRST),
            "RecordNumber", Rule.system(Slot.EVENT_RECORD_ID, Conv.INTEGER, FIRST),
            "Level", Rule.system(Slot.LEVEL, Conv.INTEGER, FIRST).when(When.INTEGRAL, Rule.IGNORE),
            "Task", Rule.system(Slot.TASK, Conv.INTEGER, FIRST).when(When.INTEGRAL, Rule.IGNORE),
            "OpcodeValue", Rule.system(Slot.OPCODE, Conv.INTEGER, FIRST).when(When.INTEGRAL, Rule.IGNORE),
            "Opcode", Rule.system(Slot.OPCODE, Conv.INTEGER, SECOND).when(When.INTEGRAL, Rule.IGNORE),
            "Keywords", Rule.system(Slot.KEYWORDS, Conv.KEYWORDS, FIRST),
            "Version", Rule.system(Slot.VERSION, Conv.INTEGER, FIRST).when(When.NUMBER, Rule.FLAT_DATA),
            "ExecutionProcessID", Rule.system(Slot.PROCESS_ID, Conv.INTEGER, FIRST),
            "ProcessID", Rule.system(Slot.PROCESS_ID, Conv.INTEGER, SECOND).when(When.NUMBER, Rule.FLAT_DATA),
            "ExecutionThreadID", Rule.system(Slot.THREAD_ID, Conv.INTEGER, FIRST),
            "ThreadID", Rule.system(Slot.THREAD_ID, Conv.INTEGER, SECOND).when(When.NUMBER, Rule.FLAT_DATA),
            "UserID", Rule.system(Slot.USER_ID, Conv.TEXT, FIRST),
            "ActivityID", Rule.system(Slot.ACTIVITY_ID, Conv.GUID, FIRST),
            "RelatedActivityID", Rule.system(Slot.RELATED_ACTIVITY_ID, Conv.GUID, FIRST),
            "TimeCreated", Rule.system(Slot.TIME_CREATED, Conv.TIME, FIRST),
            "EventTime", Rule.of(Kind.EVENT_TIME_LOCAL, Conv.TIME, LAST),
            "EventReceivedTime", Rule.of(Kind.RECEIVED_TIME_LOCAL, Conv.TIME, LAST),
            "@timestamp", Rule.of(Kind.RECEIVED_TIME_UTC, Conv.TIME, THIRD),
            "EventType", Rule.IGNORE.whenValueIn(NXLOG_EVENT_TYPES, Rule.FLAT_DATA),
            // NXLog (im_msvistalog) metadata and renderings; the Mordor pipeline's copy of EventType.
            "Message", Rule.IGNORE, "Category", Rule.IGNORE, "Severity", Rule.IGNORE,
            "SeverityValue", Rule.IGNORE, "SourceModuleName", Rule.IGNORE, "SourceModuleType", Rule.IGNORE,
            "Domain", Rule.IGNORE, "AccountName", Rule.IGNORE, "AccountType", Rule.IGNORE,
            "ERROR_EVT_UNRESOLVED", Rule.IGNORE, "EventTypeOrignal", Rule.IGNORE,
            // Logstash's own fields.
            "@version", Rule.IGNORE, "message", Rule.IGNORE, "host", Rule.IGNORE, "port", Rule.IGNORE,
            "tags", Rule.IGNORE, "type", Rule.IGNORE,
            // Elasticsearch's document metadata around _source.
            "_index", Rule.IGNORE, "_type", Rule.IGNORE, "_id", Rule.IGNORE, "_score", Rule.IGNORE);

    /** Winlogbeat 5.x/6.x (before ECS). Keys not listed are ignored. */
    private static final Map<String, Rule> WINLOGBEAT_6 = table(
            "event_id", Rule.system(Slot.EVENT_ID, Conv.INTEGER, FIRST),
            "log_name", Rule.system(Slot.CHANNEL, Conv.TEXT, FIRST),
            "computer_name", Rule.system(Slot.COMPUTER, Conv.TEXT, FIRST),
            "source_name", Rule.system(Slot.PROVIDER_NAME, Conv.TEXT, FIRST),
            "provider_guid", Rule.system(Slot.PROVIDER_GUID, Conv.GUID, FIRST),
            "record_number", Rule.system(Slot.EVENT_RECORD_ID, Conv.INTEGER, FIRST),
            "version", Rule.system(Slot.VERSION, Conv.INTEGER, FIRST),
            "process_id", Rule.system(Slot.PROCESS_ID, Conv.INTEGER, FIRST),
            "thread_id", Rule.system(Slot.THREAD_ID, Conv.INTEGER, FIRST),
            "user.identifier", Rule.system(Slot.USER_ID, Conv.TEXT, FIRST),
            "activity_id", Rule.system(Slot.ACTIVITY_ID, Conv.GUID, FIRST),
            "related_activity_id", Rule.system(Slot.RELATED_ACTIVITY_ID, Conv.GUID, FIRST),
            "@timestamp", Rule.system(Slot.TIME_CREATED, Conv.TIME, SECOND));

    /** Winlogbeat 7+ and Elastic Agent (ECS). Keys not listed are ignored. */
    private static final Map<String, Rule> WINLOGBEAT_ECS = table(
            "winlog.event_id", Rule.system(Slot.EVENT_ID, Conv.INTEGER, FIRST),
            "event.code", Rule.system(Slot.EVENT_ID, Conv.INTEGER, SECOND),
            "winlog.channel", Rule.system(Slot.CHANNEL, Conv.TEXT, FIRST),
            "winlog.computer_name", Rule.system(Slot.COMPUTER, Conv.TEXT, FIRST),
            "host.name", Rule.system(Slot.COMPUTER, Conv.TEXT, SECOND),
            "winlog.provider_name", Rule.system(Slot.PROVIDER_NAME, Conv.TEXT, FIRST),
            "event.provider", Rule.system(Slot.PROVIDER_NAME, Conv.TEXT, SECOND),
            "winlog.provider_guid", Rule.system(Slot.PROVIDER_GUID, Conv.GUID, FIRST),
            "winlog.record_id", Rule.system(Slot.EVENT_RECORD_ID, Conv.INTEGER, FIRST),
            "winlog.version", Rule.system(Slot.VERSION, Conv.INTEGER, FIRST),
            "winlog.process.pid", Rule.system(Slot.PROCESS_ID, Conv.INTEGER, FIRST),
            "winlog.process.thread.id", Rule.system(Slot.THREAD_ID, Conv.INTEGER, FIRST),
            "winlog.user.identifier", Rule.system(Slot.USER_ID, Conv.TEXT, FIRST),
            "winlog.activity_id", Rule.system(Slot.ACTIVITY_ID, Conv.GUID, FIRST),
            "winlog.related_activity_id", Rule.system(Slot.RELATED_ACTIVITY_ID, Conv.GUID, FIRST),
            "winlog.time_created", Rule.system(Slot.TIME_CREATED, Conv.TIME, FIRST),
            "@timestamp", Rule.system(Slot.TIME_CREATED, Conv.TIME, SECOND));

    /** evtx_dump: the keys are the XML's, mapped by structure; only the value conversions are listed. */
    private static final Map<String, Conv> EVTX_DUMP_VALUES = Map.of(FieldNames.TIME_CREATED, Conv.TIME);

    /** Keys holding a section (an object), by dotted path. */
    private static final Map<String, Section> SECTIONS = Map.of(
            "event_data", Section.EVENT_DATA,
            "user_data", Section.USER_DATA,
            "winlog.event_data", Section.ECS_EVENT_DATA,
            "winlog.user_data", Section.ECS_USER_DATA,
            "Event", Section.EVTX_EVENT,
            "_source", Section.DOCUMENT);

    /**
     * Keys (dotted paths) whose presence decides the shape, besides the sections; any key below
     * {@code winlog} (nested or flattened) marks Winlogbeat/ECS too.
     */
    private static final Map<String, Shape> MARKERS = Map.of(
            "winlog", Shape.WINLOGBEAT_ECS,
            "log_name", Shape.WINLOGBEAT_6,
            "computer_name", Shape.WINLOGBEAT_6,
            "record_number", Shape.WINLOGBEAT_6,
            "source_name", Shape.WINLOGBEAT_6);

    private static final String ECS_ROOT = "winlog.";

    private static final Map<Shape, Map<String, Rule>> TABLES = new EnumMap<>(Map.of(
            Shape.FLAT, FLAT, Shape.WINLOGBEAT_6, WINLOGBEAT_6, Shape.WINLOGBEAT_ECS, WINLOGBEAT_ECS,
            Shape.EVTX_DUMP, Map.of()));

    /** Every dotted prefix of a key any table or section names: objects at other paths can be skipped. */
    private static final Set<String> PREFIXES = prefixes();

    // ---- lookups ------------------------------------------------------------------------------------

    /**
     * The rule of a key in a shape: its table entry, else EventData for a top-level key of the flat
     * shape, else IGNORE.
     */
    static Rule rule(Shape shape, String path, int depth) {
        Rule r = TABLES.get(shape).get(path);
        if (r != null) {
            return r;
        }
        return shape == Shape.FLAT && depth == 1 ? Rule.FLAT_DATA : Rule.IGNORE;
    }

    /** The section a key (dotted path) holds, or null. */
    static Section section(String path) {
        return SECTIONS.get(path);
    }

    /**
     * For a flattened key below a section ({@code winlog.event_data.Image}), the section's path
     * ({@code winlog.event_data}); else null.
     */
    static String sectionPrefix(String path) {
        int dot = path.lastIndexOf('.');
        while (dot > 0) {
            String prefix = path.substring(0, dot);
            Section s = SECTIONS.get(prefix);
            if (s != null && s != Section.EVTX_EVENT && s != Section.DOCUMENT) {
                return prefix;
            }
            dot = path.lastIndexOf('.', dot - 1);
        }
        return null;
    }

    /** The shape a key marks whatever its value (a section marks only when it holds an object), or null. */
    static Shape marker(String path) {
        Shape s = MARKERS.get(path);
        if (s != null) {
            return s;
        }
        return path.startsWith(ECS_ROOT) ? Shape.WINLOGBEAT_ECS : null;
    }

    /** True when some table, section or marker names a key below {@code path}. */
    static boolean hasMappedKeysBelow(String path) {
        return PREFIXES.contains(path);
    }

    /** The conversion of an evtx_dump System value, by canonical field name. */
    static Conv evtxDumpConv(String field) {
        return EVTX_DUMP_VALUES.getOrDefault(field, Conv.TEXT);
    }

    private static Set<String> prefixes() {
        Set<String> out = new java.util.HashSet<>();
        List<Iterable<String>> keys = List.of(FLAT.keySet(), WINLOGBEAT_6.keySet(), WINLOGBEAT_ECS.keySet(),
                SECTIONS.keySet(), MARKERS.keySet());
        for (Iterable<String> it : keys) {
            for (String k : it) {
                for (int dot = k.indexOf('.'); dot > 0; dot = k.indexOf('.', dot + 1)) {
                    out.add(k.substring(0, dot));
                }
            }
        }
        return Set.copyOf(out);
    }

    private static Map<String, Rule> table(Object... keysAndRules) {
        Map<String, Rule> m = new HashMap<>();
        for (int i = 0; i < keysAndRules.length; i += 2) {
            if (m.put((String) keysAndRules[i], (Rule) keysAndRules[i + 1]) != null) {
                throw new IllegalStateException("key listed twice: " + keysAndRules[i]);
            }
        }
        return Map.copyOf(m);
    }
}
