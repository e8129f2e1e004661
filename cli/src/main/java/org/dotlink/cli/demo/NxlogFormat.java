package org.dotlink.cli.demo;

import java.util.Locale;
import org.dotlink.core.json.JsonLineWriter;

/**
 * Writes a Windows event as NXLog's {@code im_msvistalog} forwards it through Logstash (the shape of the
 * Mordor datasets): one flat JSON object per line with NXLog's metadata ({@code EventTime} and
 * {@code EventReceivedTime} in the host's local time, {@code Keywords} as a signed decimal,
 * {@code Severity}, {@code Category}, ...), Logstash's {@code @timestamp} (arrival, UTC) and
 * {@code @version}, and the EventData values at the top level. NXLog writes GUID-typed EventData in
 * lower case.
 */
final class NxlogFormat {

    private NxlogFormat() {}

    /**
     * @param received when the collector received the event (a second or two after it was logged)
     */
    static void write(JsonLineWriter w, WinEvent e, long recordId, long received) {
        EventKind k = e.kind();
        w.startObject();
        w.name("EventTime").value(ScenarioTime.localSeconds(e.time()));
        w.name("EventReceivedTime").value(ScenarioTime.localSeconds(received));
        w.name("@timestamp").value(ScenarioTime.isoMillis(received + 300));
        w.name("Hostname").value(e.host().fqdn());
        w.name("Keywords").value(k.log.keywords);
        if (!hasData(e, "EventType")) {
            w.name("EventType").value(k.log == EventKind.Log.SECURITY ? "AUDIT_SUCCESS" : "INFO");
        }
        w.name("SeverityValue").value(2);
        w.name("Severity").value("INFO");
        w.name("EventID").value(k.id);
        w.name("SourceName").value(k.log.provider);
        w.name("ProviderGuid").value(k.log.providerGuid);
        w.name("Version").value(k.version);
        w.name("Task").value(k.task);
        w.name("OpcodeValue").value(0);
        w.name("RecordNumber").value(recordId);
        w.name("ExecutionProcessID").value(e.pid());
        w.name("ThreadID").value(e.threadId());
        w.name("Channel").value(k.log.channel);
        if (!hasData(e, "Category")) {
            w.name("Category").value(k.taskName);
        }
        w.name("Opcode").value("Info");
        if (e.userSid() != null) {
            w.name("UserID").value(e.userSid());
        }
        w.name("@version").value("1");
        w.name("SourceModuleName").value("eventlog");
        w.name("SourceModuleType").value("im_msvistalog");
        String[] names = e.names();
        String[] values = e.values();
        for (int i = 0; i < names.length; i++) {
            w.name(names[i]).value(lowerGuid(values[i]));
        }
        w.endObject();
    }

    private static boolean hasData(WinEvent e, String name) {
        for (String n : e.names()) {
            if (n.equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** A braced GUID in lower case, as NXLog renders GUID-typed values; anything else as it is. */
    private static String lowerGuid(String v) {
        return v.length() == 38 && v.charAt(0) == '{' && v.charAt(37) == '}' && v.charAt(9) == '-'
                ? v.toLowerCase(Locale.ROOT) : v;
    }
}
