package org.dotlink.stream.record;

/**
 * What story building takes from one host: an event's facts (encoded by
 * {@link org.dotlink.stream.codec.FactsCodec}) or a finding (encoded by
 * {@link org.dotlink.stream.codec.FindingCodec}).
 */
public class StoryItem {

    /** The normalized host: what the first story stage is keyed by. */
    public String host;
    /** Event time, epoch milliseconds. */
    public long time;
    /** True for a finding, false for facts. */
    public boolean finding;
    /** For a finding its key; for facts the event's source. With {@link #offset}, orders items of equal time. */
    public String key;
    /** For facts the event's offset; 0 for a finding. */
    public long offset;
    public byte[] payload;

    public StoryItem() {}

    public static StoryItem facts(String host, long time, String source, long offset, byte[] facts) {
        return of(host, time, false, source, offset, facts);
    }

    public static StoryItem finding(FindingRecord f) {
        return of(f.host, f.time, true, f.key, 0, f.finding);
    }

    private static StoryItem of(String host, long time, boolean finding, String key, long offset, byte[] payload) {
        StoryItem s = new StoryItem();
        s.host = host;
        s.time = time;
        s.finding = finding;
        s.key = key;
        s.offset = offset;
        s.payload = payload;
        return s;
    }
}
