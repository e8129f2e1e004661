package org.dotlink.sigma.builtin;

import org.dotlink.core.Event;

/**
 * Test events shaped as the readers produce them: the System values (Provider_Name, EventID, Channel,
 * Computer, ...) of the event's kind, then the given name/value pairs; a name given twice makes a
 * multi-valued field (as unnamed {@code <Data>} values are).
 */
final class LogEvents {

    private static final String SYSMON = "Microsoft-Windows-Sysmon/Operational";

    private LogEvents() {}

    /** A Sysmon event with the given event id (1 process creation, 3 network, 7 image load, 10 process access, 11 file). */
    static Event sysmon(int eventId, String... nameValue) {
        return event("Microsoft-Windows-Sysmon", eventId, SYSMON, "WS042.corp.example", nameValue);
    }

    /** Sysmon process creation, with the usual parent of an interactive command unless the pairs name one. */
    static Event process(String image, String commandLine, String... nameValue) {
        for (int i = 0; i < nameValue.length; i += 2) {
            if (nameValue[i].equals("ParentImage")) {
                return sysmon(1, concat(new String[] {"Image", image, "CommandLine", commandLine}, nameValue));
            }
        }
        return sysmon(1, concat(new String[] {"Image", image, "CommandLine", commandLine,
                "ParentImage", "C:\\Windows\\System32\\cmd.exe"}, nameValue));
    }

    static Event security(int eventId, String... nameValue) {
        return event("Microsoft-Windows-Security-Auditing", eventId, "Security", "DC01.corp.example", nameValue);
    }

    static Event system(String provider, int eventId, String... nameValue) {
        return event(provider, eventId, "System", "BILL-DB01.corp.example", nameValue);
    }

    static Event application(String provider, int eventId, String... nameValue) {
        return event(provider, eventId, "Application", "DC01.corp.example", nameValue);
    }

    /** An event of another channel (WinRM, BITS, Remote Desktop, Application-Experience, ...) on a workstation. */
    static Event channel(String channel, String provider, int eventId, String... nameValue) {
        return event(provider, eventId, channel, "WS042.corp.example", nameValue);
    }

    /**
     * An IIS W3C log line as {@code W3cReader} reads it: {@code -} values are left out, header fields
     * carry both their W3C name and Sigma's ({@code cs(Cookie)} and {@code cs-cookie}).
     */
    static Event web(String method, String stem, String query, int status, String... nameValue) {
        Event.Builder b = Event.builder("test.log")
                .add("TimeCreated_SystemTime", "2021-03-03T02:41:17.0000000Z")
                .add("Channel", "W3C")
                .add("Computer", "EXCH01")
                .add("date", "2021-03-03")
                .add("time", "02:41:17")
                .add("s-computername", "EXCH01")
                .add("s-ip", "10.10.1.25")
                .add("cs-method", method)
                .add("cs-uri-stem", stem);
        if (query != null) {
            b.add("cs-uri-query", query);
        }
        b.add("s-port", "443").add("c-ip", "203.0.113.77")
                .add("sc-status", Integer.toString(status)).add("sc-substatus", "0").add("sc-win32-status", "0")
                .add("time-taken", "15");
        for (int i = 0; i < nameValue.length; i += 2) {
            b.add(nameValue[i], nameValue[i + 1]);
            if (nameValue[i].equals("cs(Cookie)")) {
                b.add("cs-cookie", nameValue[i + 1]);
            } else if (nameValue[i].equals("cs(User-Agent)")) {
                b.add("cs-user-agent", nameValue[i + 1]);
            }
        }
        return b.build();
    }

    private static Event event(String provider, int eventId, String channel, String computer, String... nameValue) {
        Event.Builder b = Event.builder("test.evtx")
                .add("Provider_Name", provider)
                .add("EventID", Integer.toString(eventId))
                .add("TimeCreated_SystemTime", "2021-03-03T02:45:09.1234567Z")
                .add("EventRecordID", "4711")
                .add("Channel", channel)
                .add("Computer", computer);
        for (int i = 0; i < nameValue.length; i += 2) {
            b.add(nameValue[i], nameValue[i + 1]);
        }
        return b.build();
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
