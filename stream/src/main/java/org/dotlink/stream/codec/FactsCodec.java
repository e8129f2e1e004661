package org.dotlink.stream.codec;

import org.dotlink.story.EventFacts;

/** {@link EventFacts} as bytes, every part in order (absent parts as null). */
public final class FactsCodec {

    private FactsCodec() {}

    public static byte[] encode(EventFacts f) {
        Bytes.Writer w = new Bytes.Writer();
        w.writeString(f.host()).writeLong(f.time()).writeString(f.process()).writeString(f.parent())
                .writeString(f.image()).writeString(f.parentImage()).writeBoolean(f.started()).writeString(f.logon())
                .writeString(f.user()).writeString(f.fileWritten()).writeString(f.imagePath()).writeString(f.hash())
                .writeString(f.remoteFrom()).writeString(f.remoteTo()).writeString(f.webClient())
                .writeString(f.localAddress()).writeString(f.service()).writeString(f.pidAlias())
                .writeString(f.task()).writeString(f.pointedAt()).writeString(f.injected())
                .writeString(f.wmiConsumer());
        return w.toByteArray();
    }

    public static EventFacts decode(byte[] bytes) {
        Bytes.Reader r = new Bytes.Reader(bytes);
        return new EventFacts(r.readString(), r.readLong(), r.readString(), r.readString(), r.readString(),
                r.readString(), r.readBoolean(), r.readString(), r.readString(), r.readString(), r.readString(),
                r.readString(), r.readString(), r.readString(), r.readString(), r.readString(), r.readString(),
                r.readString(), r.readString(), r.readString(), r.readString(), r.readString());
    }
}
