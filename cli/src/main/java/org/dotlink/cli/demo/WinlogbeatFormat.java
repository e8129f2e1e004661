package org.dotlink.cli.demo;

import java.util.Locale;
import org.dotlink.core.json.JsonLineWriter;

/**
 * Writes a Windows event as Winlogbeat 7 does (ECS): {@code @timestamp}, {@code agent}, {@code ecs},
 * {@code event}, {@code host}, {@code log}, and under {@code winlog} the channel, computer, provider,
 * record id, event id, process and thread, user, version and {@code event_data}. Winlogbeat renders
 * values as Windows does (GUIDs in upper case) and leaves out the rendered message here, as many SOCs
 * configure it to.
 */
final class WinlogbeatFormat {

    private WinlogbeatFormat() {}

    static void write(JsonLineWriter w, WinEvent e, long recordId, long received) {
        EventKind k = e.kind();
        Host h = e.host();
        w.startObject();
        w.name("@timestamp").value(ScenarioTime.isoMillis(e.time()));
        w.name("agent").startObject()
                .name("hostname").value(h.name())
                .name("name").value(h.name())
                .name("type").value("winlogbeat")
                .name("version").value("7.10.2")
                .endObject();
        w.name("ecs").startObject().name("version").value("1.6.0").endObject();
        w.name("event").startObject()
                .name("code").value(k.id)
                .name("kind").value("event")
                .name("provider").value(k.log.provider)
                .name("action").value(k.taskName)
                .name("created").value(ScenarioTime.isoMillis(received))
                .endObject();
        w.name("host").startObject().name("name").value(h.fqdn().toLowerCase(Locale.ROOT)).endObject();
        w.name("log").startObject().name("level").value("information").endObject();
        w.name("winlog").startObject();
        w.name("api").value("wineventlog");
        w.name("channel").value(k.log.channel);
        w.name("computer_name").value(h.fqdn());
        w.name("event_data").startObject();
        String[] names = e.names();
        String[] values = e.values();
        for (int i = 0; i < names.length; i++) {
            w.name(names[i]).value(values[i]);
        }
        w.endObject();
        w.name("event_id").value(k.id);
        if (k.log.keywordName != null) {
            w.name("keywords").startArray().value(k.log.keywordName).endArray();
        }
        w.name("opcode").value("Info");
        w.name("process").startObject().name("pid").value(e.pid())
                .name("thread").startObject().name("id").value(e.threadId()).endObject().endObject();
        w.name("provider_guid").value(k.log.providerGuid);
        w.name("provider_name").value(k.log.provider);
        w.name("record_id").value(recordId);
        w.name("task").value(k.taskName);
        if (e.userSid() != null) {
            w.name("user").startObject().name("identifier").value(e.userSid()).endObject();
        }
        w.name("version").value(k.version);
        w.endObject();
        w.endObject();
    }
}
