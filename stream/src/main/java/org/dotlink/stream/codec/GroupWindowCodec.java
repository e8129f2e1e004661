package org.dotlink.stream.codec;

import java.util.ArrayList;
import java.util.List;
import org.dotlink.core.EventRef;
import org.dotlink.sigma.correlation.GroupKey;
import org.dotlink.sigma.correlation.GroupWindow;
import org.dotlink.sigma.correlation.WindowEntry;

/** A correlation group's key (as text) and window (as bytes), for keyed state. */
public final class GroupWindowCodec {

    private GroupWindowCodec() {}

    /**
     * The key as text, for a state map's keys: each part (the correlation, then each value) as its length,
     * a colon and the part, so that any text round-trips.
     */
    public static String keyText(GroupKey key) {
        StringBuilder sb = new StringBuilder();
        part(sb, key.correlation());
        key.values().forEach(v -> part(sb, v));
        return sb.toString();
    }

    public static GroupKey parseKey(String text) {
        List<String> parts = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            int colon = text.indexOf(':', at);
            if (colon < 0) {
                throw new IllegalArgumentException("not a group key: " + text);
            }
            int n;
            try {
                n = Integer.parseInt(text, at, colon, 10);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a group key: " + text);
            }
            if (n < 0 || colon + 1 + n > text.length()) {
                throw new IllegalArgumentException("not a group key: " + text);
            }
            parts.add(text.substring(colon + 1, colon + 1 + n));
            at = colon + 1 + n;
        }
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("not a group key: empty");
        }
        return new GroupKey(parts.get(0), parts.subList(1, parts.size()));
    }

    private static void part(StringBuilder sb, String s) {
        sb.append(s.length()).append(':').append(s);
    }

    public static byte[] encode(GroupWindow w) {
        Bytes.Writer out = new Bytes.Writer();
        out.writeLong(w.quietUntil).writeInt(w.entries.size());
        for (WindowEntry e : w.entries) {
            out.writeLong(e.time()).writeString(e.input()).writeString(e.value()).writeString(e.host())
                    .writeInt(e.events().size());
            for (EventRef ref : e.events()) {
                out.writeString(ref.source()).writeLong(ref.recordId()).writeString(ref.time());
            }
        }
        return out.toByteArray();
    }

    public static GroupWindow decode(byte[] bytes) {
        Bytes.Reader r = new Bytes.Reader(bytes);
        GroupWindow w = new GroupWindow();
        w.quietUntil = r.readLong();
        int n = r.count();
        for (int i = 0; i < n; i++) {
            long time = r.readLong();
            String input = r.readString();
            String value = r.readString();
            String host = r.readString();
            int refs = r.count();
            List<EventRef> events = new ArrayList<>(refs);
            for (int j = 0; j < refs; j++) {
                events.add(new EventRef(r.readString(), r.readLong(), r.readString()));
            }
            w.entries.add(new WindowEntry(time, input, value, host, events));
        }
        return w;
    }
}
