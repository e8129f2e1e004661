package org.dotlink.stream.codec;

import org.dotlink.core.Event;

/**
 * An {@link Event} as bytes: its source, offset, whether it was recovered, and its fields in order (a
 * repeated name with all its values). Decoding gives an event equal field for field.
 */
public final class EventCodec {

    private static final int ONE = 0;
    private static final int SEVERAL = 1;

    private EventCodec() {}

    public static byte[] encode(Event e) {
        Bytes.Writer w = new Bytes.Writer();
        write(w, e);
        return w.toByteArray();
    }

    public static Event decode(byte[] bytes) {
        return read(new Bytes.Reader(bytes));
    }

    static void write(Bytes.Writer w, Event e) {
        w.writeString(e.source()).writeLong(e.offset()).writeBoolean(e.recovered()).writeInt(e.fieldCount());
        for (int i = 0; i < e.fieldCount(); i++) {
            w.writeString(e.fieldName(i));
            Object v = e.fieldValue(i);
            if (v instanceof String s) {
                w.writeByte(ONE).writeString(s);
            } else {
                String[] values = (String[]) v;
                w.writeByte(SEVERAL).writeInt(values.length);
                for (String s : values) {
                    w.writeString(s);
                }
            }
        }
    }

    static Event read(Bytes.Reader r) {
        String source = r.readString();
        Event.Builder b = Event.builder(source == null ? "" : source).offset(r.readLong()).recovered(r.readBoolean());
        int n = r.count();
        for (int i = 0; i < n; i++) {
            String name = r.readString();
            int kind = r.readByte();
            if (kind == ONE) {
                b.add(name, r.readString());
            } else if (kind == SEVERAL) {
                int values = r.count();
                for (int j = 0; j < values; j++) {
                    b.add(name, r.readString());
                }
            } else {
                throw new IllegalArgumentException("not an encoded event: field kind " + kind);
            }
        }
        return b.build();
    }
}
