package org.dotlink.stream.record;

/**
 * One message of the events topic, read: the event it holds (encoded by
 * {@link org.dotlink.stream.codec.EventCodec}), or why it could not be read.
 */
public class EventRecord {

    /** The event's source: the message key when there is one, else {@code topic/partition}. */
    public String source;
    /** The message offset in its partition (the event's {@link org.dotlink.core.Event#offset()}). */
    public long offset;
    /** Event time, epoch milliseconds; {@link Long#MIN_VALUE} when the event has no readable time. */
    public long time;
    /** The encoded event, or null when the message could not be read. */
    public byte[] event;
    /** Why the message could not be read, or null. */
    public String problem;

    public EventRecord() {}

    public static EventRecord of(String source, long offset, long time, byte[] event) {
        EventRecord r = new EventRecord();
        r.source = source;
        r.offset = offset;
        r.time = time;
        r.event = event;
        return r;
    }

    public static EventRecord problem(String source, long offset, String problem) {
        EventRecord r = of(source, offset, Long.MIN_VALUE, null);
        r.problem = problem;
        return r;
    }
}
