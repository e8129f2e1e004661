package org.dotlink.stream.record;

/** A finding (encoded by {@link org.dotlink.stream.codec.FindingCodec}), on its way to the sink and to stories. */
public class FindingRecord {

    /** {@link org.dotlink.core.Finding#key()}. */
    public String key;
    /** The normalized host ({@link org.dotlink.core.HostNames#normalize}); "" for a correlation over several hosts. */
    public String host;
    /** The finding's time, epoch milliseconds; {@link Long#MIN_VALUE} when unreadable. */
    public long time;
    public byte[] finding;

    public FindingRecord() {}

    public static FindingRecord of(String key, String host, long time, byte[] finding) {
        FindingRecord r = new FindingRecord();
        r.key = key;
        r.host = host;
        r.time = time;
        r.finding = finding;
        return r;
    }
}
