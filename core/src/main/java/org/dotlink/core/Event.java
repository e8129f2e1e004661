package org.dotlink.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One log record in the canonical form every reader produces, whatever the source (see DESIGN.md,
 * "Events: the canonical form").
 *
 * <p>Fields are kept in insertion order in two parallel arrays rather than a map: events have a few
 * dozen fields, names are interned by {@link FieldNames}, and a linear scan comparing references is
 * faster than hashing in the detection loop. A field's value is either a {@code String} or, when the
 * record carries the same name more than once (unnamed {@code <Data>} values, arrays), a
 * {@code String[]}.
 */
public final class Event {

    private final String source;
    private final long offset;
    private final boolean recovered;
    private final String[] names;
    private final Object[] values;
    private final int size;

    private Event(String source, long offset, boolean recovered, String[] names, Object[] values, int size) {
        this.source = source;
        this.offset = offset;
        this.recovered = recovered;
        this.names = names;
        this.values = values;
        this.size = size;
    }

    /** Where the event came from: the input path as given, plus {@code #member} inside an archive. */
    public String source() {
        return source;
    }

    /** Byte offset of the record in its file (or line number for line-based sources); -1 when unknown. */
    public long offset() {
        return offset;
    }

    /** True for records carved from free space rather than accounted for by the file's headers. */
    public boolean recovered() {
        return recovered;
    }

    public int fieldCount() {
        return size;
    }

    public String fieldName(int index) {
        Objects.checkIndex(index, size);
        return names[index];
    }

    /** The value at {@code index}: a {@code String} or a {@code String[]} of several values. */
    public Object fieldValue(int index) {
        Objects.checkIndex(index, size);
        return values[index];
    }

    /**
     * The raw value of a field, {@code String} or {@code String[]}, or null when absent. This is the
     * hot-path accessor; {@link #field(String)} is the same with an {@link Optional}.
     */
    public Object raw(String name) {
        String interned = FieldNames.lookup(name);
        return interned == null ? null : rawInterned(interned);
    }

    /**
     * {@link #raw} for a name that is already the canonical instance ({@link FieldNames#intern}): a matcher
     * interns its field names once when compiled and skips the table lookup per event.
     */
    public Object rawInterned(String canonicalName) {
        for (int i = 0; i < size; i++) {
            if (names[i] == canonicalName) {
                return values[i];
            }
        }
        return null;
    }

    /** The field's value as one string (several values joined by ", "), when present. */
    public Optional<String> field(String name) {
        return Optional.ofNullable(text(raw(name)));
    }

    /** The value at {@code index} as one string (several values joined by ", "), as {@link #field} gives it. */
    public String fieldText(int index) {
        Objects.checkIndex(index, size);
        return text(values[index]);
    }

    /**
     * {@link #field} without the {@link Optional}, for a name that is already the canonical instance
     * ({@link FieldNames#intern}): the value as one string, or null when absent.
     */
    public String fieldInterned(String canonicalName) {
        return text(rawInterned(canonicalName));
    }

    /** The field's values as a list: one element for a single value, empty when absent. */
    public List<String> values(String name) {
        Object v = raw(name);
        if (v == null) {
            return List.of();
        }
        if (v instanceof String s) {
            return List.of(s);
        }
        return List.of((String[]) v);
    }

    /**
     * The first value of a System field: the record's own. A record's UserData may repeat a System name
     * (the log-cleared event 104 names the cleared {@code Channel}); the System value comes first.
     */
    private String system(String name) {
        Object v = rawInterned(name); // the FieldNames constants are canonical
        if (v instanceof String s) {
            return s;
        }
        return v == null ? null : ((String[]) v)[0];
    }

    /** {@code Computer}, the host that logged the event, or "" when the record has none. */
    public String host() {
        String h = system(FieldNames.COMPUTER);
        return h == null ? "" : h;
    }

    /** The host in its normalized form ({@link HostNames#normalize}), so sources that write it differently meet. */
    public String hostKey() {
        return HostNames.normalize(host());
    }

    /** {@code Channel}, the log the record was written to, or "" when the record has none. */
    public String channel() {
        String c = system(FieldNames.CHANNEL);
        return c == null ? "" : c;
    }

    /** The event id as a number, or -1 when absent or not numeric. */
    public int eventId() {
        return eventIdOf(rawInterned(FieldNames.EVENT_ID));
    }

    /**
     * What {@link #eventId} gives for a raw {@code EventID} value ({@link #rawInterned}): its first value when
     * it has several, as a number, or -1 when absent or not numeric. For a caller that reads the raw value anyway.
     */
    public static int eventIdOf(Object raw) {
        return parseInt(raw instanceof String[] several ? several[0] : (String) raw);
    }

    /** The record id as a number, or -1 when absent or not numeric. */
    public long recordId() {
        String s = system(FieldNames.EVENT_RECORD_ID);
        if (s == null) {
            return -1;
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** {@code TimeCreated_SystemTime} as written (ISO-8601 UTC), or "" when absent. */
    public String time() {
        String t = system(FieldNames.TIME_CREATED);
        return t == null ? "" : t;
    }

    /** A copy of the fields as an ordered map (for tests and tools; not for the hot path). */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            Object v = values[i];
            map.put(names[i], v instanceof String[] a ? List.of(a) : v);
        }
        return map;
    }

    private static String text(Object v) {
        if (v == null || v instanceof String) {
            return (String) v;
        }
        return String.join(", ", (String[]) v);
    }

    private static int parseInt(String s) {
        if (s == null) {
            return -1;
        }
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public String toString() {
        return "Event{" + source + "@" + offset + (recovered ? " recovered" : "") + " " + toMap() + "}";
    }

    public static Builder builder(String source) {
        return new Builder(source);
    }

    /**
     * Collects fields for one event. A name added twice keeps both values, in order, as a
     * {@code String[]}. A builder can be reused after {@link #build()}.
     */
    public static final class Builder {
        /** Past this many distinct names, duplicates are found through a hash index, not a scan. */
        private static final int SCAN_LIMIT = 64;

        private final String source;
        private long offset = -1;
        private boolean recovered;
        private String[] names = new String[32];
        /** A {@code String}, or an {@code ArrayList<String>} while a repeated name is collected. */
        private Object[] values = new Object[32];
        private int size;
        private IdentityHashMap<String, Integer> index;

        private Builder(String source) {
            this.source = Objects.requireNonNull(source, "source");
        }

        public Builder offset(long offset) {
            this.offset = offset;
            return this;
        }

        public Builder recovered(boolean recovered) {
            this.recovered = recovered;
            return this;
        }

        /** Adds a field; {@code name} need not be interned, it is interned here. */
        public Builder add(String name, String value) {
            return addInterned(FieldNames.intern(name), value);
        }

        /** Adds a field whose name came from {@link FieldNames#intern}: no lookup on this path. */
        public Builder addInterned(String internedName, String value) {
            Objects.requireNonNull(value, "value");
            int at = find(internedName);
            if (at >= 0) {
                values[at] = append(values[at], value);
                return this;
            }
            if (size == names.length) {
                names = Arrays.copyOf(names, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            names[size] = internedName;
            values[size] = value;
            if (index != null) {
                index.put(internedName, size);
            } else if (size == SCAN_LIMIT) {
                index = new IdentityHashMap<>(256);
                for (int i = 0; i <= size; i++) {
                    index.put(names[i], i);
                }
            }
            size++;
            return this;
        }

        private int find(String internedName) {
            if (index != null) {
                Integer at = index.get(internedName);
                return at == null ? -1 : at;
            }
            for (int i = 0; i < size; i++) {
                if (names[i] == internedName) {
                    return i;
                }
            }
            return -1;
        }

        @SuppressWarnings("unchecked")
        private static Object append(Object existing, String value) {
            if (existing instanceof String s) {
                ArrayList<String> list = new ArrayList<>(4);
                list.add(s);
                list.add(value);
                return list;
            }
            ((ArrayList<String>) existing).add(value);
            return existing;
        }

        public boolean isEmpty() {
            return size == 0;
        }

        /** True when a field of this name (from {@link FieldNames#intern}) was added since the last {@link #build()}. */
        public boolean has(String internedName) {
            return find(internedName) >= 0;
        }

        @SuppressWarnings("unchecked")
        public Event build() {
            Object[] built = new Object[size];
            for (int i = 0; i < size; i++) {
                Object v = values[i];
                built[i] = v instanceof ArrayList<?> list ? ((ArrayList<String>) list).toArray(new String[0]) : v;
                values[i] = null;
            }
            Event e = new Event(source, offset, recovered, Arrays.copyOf(names, size), built, size);
            size = 0;
            offset = -1;
            recovered = false;
            index = null;
            return e;
        }
    }
}
