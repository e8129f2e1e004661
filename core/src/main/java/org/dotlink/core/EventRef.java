package org.dotlink.core;

/**
 * Points at one event: its source (path, plus {@code #member} inside an archive) and record id. A
 * correlation detection lists the events that made it this way.
 *
 * @param time the event's time, ISO-8601 UTC
 */
public record EventRef(String source, long recordId, String time) {

    public static EventRef of(Event e) {
        return new EventRef(e.source(), e.recordId(), e.time());
    }
}
