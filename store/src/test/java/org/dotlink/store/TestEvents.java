package org.dotlink.store;

import org.dotlink.core.Event;
import org.dotlink.core.FieldNames;
import org.dotlink.core.IsoTime;
import org.dotlink.core.RecordIdentity;

/** Events for the store's tests, and a record identity that takes the source name as its key. */
final class TestEvents {

    /** Source names are the keys: tests build events of files that do not exist. */
    static final RecordIdentity BY_NAME = source -> source;

    private TestEvents() {}

    /** An event from name/value pairs; a name given twice makes a multi-valued field. */
    static Event ev(String source, long offset, String... nameValue) {
        Event.Builder b = Event.builder(source).offset(offset);
        for (int i = 0; i < nameValue.length; i += 2) {
            b.add(nameValue[i], nameValue[i + 1]);
        }
        return b.build();
    }

    /** A Security 4688 event with record id {@code i + 1}, one second after the one before. */
    static Event generated(String source, int i) {
        return ev(source, 4096 + i * 700L,
                FieldNames.EVENT_ID, "4688",
                FieldNames.EVENT_RECORD_ID, Integer.toString(i + 1),
                FieldNames.COMPUTER, "WS" + (i % 50) + ".corp.example.com",
                FieldNames.CHANNEL, "Security",
                FieldNames.TIME_CREATED, IsoTime.format(1_560_000_000L + i, i % 10_000_000),
                FieldNames.PROVIDER_NAME, "Microsoft-Windows-Security-Auditing",
                "NewProcessName", "C:\\Windows\\System32\\cmd" + (i % 97) + ".exe",
                "CommandLine", "cmd.exe /c \"echo " + i + "\" > C:\\temp\\out.txt",
                "SubjectUserSid", "S-1-5-21-1111-2222-3333-" + (1000 + i % 20),
                "Data", "first", "Data", "second");
    }
}
