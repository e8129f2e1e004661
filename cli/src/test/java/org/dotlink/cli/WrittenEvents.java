package org.dotlink.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Windows events written in a test as NXLog JSON lines, numbered as a log would number them. */
final class WrittenEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> lines = new ArrayList<>();
    private int record = 100;

    void event(String time, String host, String channel, int id, Map<String, String> fields) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("EventTime", time);
        e.put("Hostname", host);
        e.put("Channel", channel);
        e.put("EventID", id);
        e.put("RecordNumber", record++);
        e.putAll(fields);
        try {
            lines.add(JSON.writeValueAsString(e));
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** A Sysmon process creation by SYSTEM's logon session. */
    void process(String time, String host, String guid, String image, String commandLine, String parentGuid,
                 String parentImage, String user) {
        event(time, host, "Microsoft-Windows-Sysmon/Operational", 1, Map.of("ProcessGuid", guid, "Image", image,
                "CommandLine", commandLine, "ParentProcessGuid", parentGuid, "ParentImage", parentImage, "User", user,
                "LogonId", "0x3e7"));
    }

    /** The PsExec service installed (System 7045). */
    void service(String time, String host) {
        event(time, host, "System", 7045, Map.of("SourceName", "Service Control Manager", "ServiceName", "PSEXESVC",
                "ImagePath", "%SystemRoot%\\PSEXESVC.exe", "AccountName", "LocalSystem"));
    }

    /** Writes the lines to {@code file}. */
    void writeTo(Path file) throws IOException {
        Files.write(file, lines);
    }
}
