package org.dotlink.stream.codec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dotlink.core.Detection;
import org.dotlink.core.EventRef;
import org.dotlink.core.Finding;
import org.dotlink.core.Level;
import org.dotlink.core.RuleInfo;

/**
 * A {@link Finding} or a {@link Detection} as bytes: the rule ({@link RuleInfo}), the event or a
 * correlation's event references and group-by values, time and host, and for a finding its level, asset
 * role and story. Decoding gives an equal value; rule infos are rebuilt per value, not shared.
 */
public final class FindingCodec {

    private FindingCodec() {}

    public static byte[] encode(Finding f) {
        Bytes.Writer w = new Bytes.Writer();
        write(w, f.detection());
        w.writeString(f.level().name()).writeString(f.assetRole()).writeString(f.story());
        return w.toByteArray();
    }

    public static Finding decode(byte[] bytes) {
        Bytes.Reader r = new Bytes.Reader(bytes);
        Detection d = read(r);
        return new Finding(d, Level.valueOf(r.readString()), r.readString(), r.readString());
    }

    public static byte[] encodeDetection(Detection d) {
        Bytes.Writer w = new Bytes.Writer();
        write(w, d);
        return w.toByteArray();
    }

    public static Detection decodeDetection(byte[] bytes) {
        return read(new Bytes.Reader(bytes));
    }

    private static void write(Bytes.Writer w, Detection d) {
        RuleInfo rule = d.rule();
        w.writeString(rule.id()).writeString(rule.title()).writeString(rule.level().name())
                .writeStrings(rule.techniques()).writeStrings(rule.tactics()).writeStrings(rule.software());
        w.writeBoolean(d.event() != null);
        if (d.event() != null) {
            EventCodec.write(w, d.event());
        }
        w.writeInt(d.events().size());
        for (EventRef ref : d.events()) {
            w.writeString(ref.source()).writeLong(ref.recordId()).writeString(ref.time());
        }
        w.writeInt(d.groupBy().size());
        for (Map.Entry<String, String> g : d.groupBy().entrySet()) {
            w.writeString(g.getKey()).writeString(g.getValue());
        }
        w.writeString(d.time()).writeString(d.host());
    }

    private static Detection read(Bytes.Reader r) {
        RuleInfo rule = new RuleInfo(r.readString(), r.readString(), Level.valueOf(r.readString()), r.readStrings(),
                r.readStrings(), r.readStrings());
        var event = r.readBoolean() ? EventCodec.read(r) : null;
        int n = r.count();
        List<EventRef> refs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            refs.add(new EventRef(r.readString(), r.readLong(), r.readString()));
        }
        int g = r.count();
        Map<String, String> groupBy = new LinkedHashMap<>();
        for (int i = 0; i < g; i++) {
            groupBy.put(r.readString(), r.readString());
        }
        return new Detection(rule, event, refs, groupBy, r.readString(), r.readString());
    }
}
