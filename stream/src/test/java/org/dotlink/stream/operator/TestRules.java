package org.dotlink.stream.operator;

import org.dotlink.core.Event;
import org.dotlink.core.IsoTime;
import org.dotlink.stream.codec.EventCodec;
import org.dotlink.stream.record.EventRecord;

/** Small rules and events for the operator tests. */
final class TestRules {

    private TestRules() {}

    /** A process-creation rule on an image name. */
    static String rule(String id, String image) {
        return """
                title: %s started
                id: %s
                logsource: {category: process_creation, product: windows}
                detection:
                    selection: {Image|endswith: '\\\\%s'}
                    condition: selection
                level: low
                """.formatted(image, id, image);
    }

    /** Sysmon process creation of {@code image} on {@code host}, at {@code seconds} after 2021-01-01T10:00:00Z. */
    static Event start(long record, String host, String image, int seconds) {
        return Event.builder("test/" + host).offset(record).add("Channel", "Microsoft-Windows-Sysmon/Operational")
                .add("EventID", "1").add("Computer", host).add("EventRecordID", String.valueOf(record))
                .add("TimeCreated_SystemTime", time(seconds)).add("Image", "C:\\Windows\\System32\\" + image)
                .add("ProcessGuid", "{" + record + "}").add("ParentProcessGuid", "{p}")
                .add("ParentImage", "C:\\Tools\\operator.exe").add("User", "CORP\\eve").build();
    }

    static String time(int seconds) {
        return IsoTime.format(1_609_495_200L + seconds, 0);
    }

    static long millis(int seconds) {
        return (1_609_495_200L + seconds) * 1000;
    }

    static EventRecord record(Event e) {
        return EventRecord.of(e.source(), e.offset(), IsoTime.toEpochMillis(e.time()), EventCodec.encode(e));
    }
}
