package org.dotlink.ingest.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hand-written records of each shape (Winlogbeat/ECS, Winlogbeat 6.x, flat NXLog in two flavours,
 * evtx_dump), with and without optional fields, each written in each layout (NDJSON, a pretty array,
 * a one-line array, pretty objects one after another) and read at a normal and a tiny block size: the
 * canonical fields must be exactly the expected ones every time.
 */
class JsonShapesTest {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** A record and the fields it must give. */
    record Sample(String name, String json, Map<String, List<String>> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Map<String, List<String>> fields(String... namesAndValues) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            m.computeIfAbsent(namesAndValues[i], k -> new ArrayList<>()).add(namesAndValues[i + 1]);
        }
        return m;
    }

    // ---- Winlogbeat / ECS -------------------------------------------------------------------------

    static final Sample ECS_FULL = new Sample("ECS, complete", """
            {"@timestamp":"2019-08-14T14:06:44.495Z",
             "agent":{"hostname":"WEC01","type":"winlogbeat","version":"7.4.0"},"ecs":{"version":"1.1.0"},
             "event":{"code":1,"created":"2019-08-14T14:06:46.123Z","kind":"event","provider":"Microsoft-Windows-Sysmon",
                      "action":"Process Create (rule: ProcessCreate)"},
             "host":{"name":"WEC01","os":{"family":"windows"}},
             "log":{"level":"information"},
             "message":"Process Create:\\nRuleName: \\n",
             "winlog":{"api":"wineventlog","channel":"Microsoft-Windows-Sysmon/Operational","computer_name":"WIN10-01.corp.local",
               "event_data":{"RuleName":"","Image":"C:\\\\Windows\\\\System32\\\\cmd.exe","CommandLine":"cmd.exe /c \\"whoami\\"",
                             "ProcessGuid":"{5770385F-0000-1111-2222-333344445555}","ProcessId":"4242","LogonId":"0x3e7"},
               "event_id":1,"opcode":"Info","keywords":["Audit Success"],
               "process":{"pid":1368,"thread":{"id":2660}},
               "provider_guid":"{5770385F-C22A-43E0-BF4C-06F5698FFBD9}","provider_name":"Microsoft-Windows-Sysmon",
               "record_id":6575,"task":"Process Create (rule: ProcessCreate)",
               "activity_id":"{3af69dec-79b4-0000-bbeb-0e856290d601}",
               "user":{"domain":"NT AUTHORITY","identifier":"S-1-5-18","name":"SYSTEM","type":"User"},"version":5,
               "time_created":"2019-08-14T14:06:44.4956748Z"}}
            """, fields(
            "Provider_Name", "Microsoft-Windows-Sysmon",
            "Provider_Guid", "{5770385F-C22A-43E0-BF4C-06F5698FFBD9}",
            "EventID", "1",
            "Version", "5",
            "TimeCreated_SystemTime", "2019-08-14T14:06:44.4956748Z",
            "EventRecordID", "6575",
            "Correlation_ActivityID", "{3AF69DEC-79B4-0000-BBEB-0E856290D601}",
            "Execution_ProcessID", "1368",
            "Execution_ThreadID", "2660",
            "Channel", "Microsoft-Windows-Sysmon/Operational",
            "Computer", "WIN10-01.corp.local",
            "Security_UserID", "S-1-5-18",
            "RuleName", "",
            "Image", "C:\\Windows\\System32\\cmd.exe",
            "CommandLine", "cmd.exe /c \"whoami\"",
            "ProcessGuid", "{5770385F-0000-1111-2222-333344445555}",
            "ProcessId", "4242",
            "LogonId", "0x3e7"));

    /** Winlogbeat 8 writes event_id as a string; no computer_name (host.name stands in), user_data instead. */
    static final Sample ECS_SPARSE = new Sample("ECS, sparse, user_data", """
            {"@timestamp":"2023-03-01T10:00:00.5Z","host":{"name":"DC01"},"event":{"code":"4103"},
             "winlog":{"channel":"Microsoft-Windows-WMI-Activity/Operational","event_id":"5857","record_id":"42",
               "provider_name":"Microsoft-Windows-WMI-Activity",
               "user_data":{"xml_name":"Operation_StartedOperational","ProviderName":"WMIProv","Code":"0x0",
                            "ProcessID":"3016","ProviderPath":"%systemroot%\\\\system32\\\\wbem\\\\wmiprov.dll"}}}
            """, fields(
            "Provider_Name", "Microsoft-Windows-WMI-Activity",
            "EventID", "5857",
            "TimeCreated_SystemTime", "2023-03-01T10:00:00.5000000Z",
            "EventRecordID", "42",
            "Channel", "Microsoft-Windows-WMI-Activity/Operational",
            "Computer", "DC01",
            "ProviderName", "WMIProv",
            "Code", "0x0",
            "ProcessID", "3016",
            "ProviderPath", "%systemroot%\\system32\\wbem\\wmiprov.dll"));

    /** ECS flattened into dotted keys (as some pipelines write it) is the same record. */
    static final Sample ECS_DOTTED = new Sample("ECS, dotted keys", """
            {"@timestamp":"2019-08-14T14:06:44.495Z","winlog.channel":"Security","winlog.event_id":4688,
             "winlog.computer_name":"WIN10-01","winlog.event_data.NewProcessName":"C:\\\\Windows\\\\System32\\\\net.exe",
             "winlog.event_data.SubjectUserSid":"S-1-5-18","winlog.user_data.xml_name":"x","agent.name":"a"}
            """, fields(
            "EventID", "4688",
            "TimeCreated_SystemTime", "2019-08-14T14:06:44.4950000Z",
            "Channel", "Security",
            "Computer", "WIN10-01",
            "NewProcessName", "C:\\Windows\\System32\\net.exe",
            "SubjectUserSid", "S-1-5-18"));

    /** An Elasticsearch document (elasticdump writes one per line): the record is its _source. */
    static final Sample ECS_IN_ELASTICSEARCH_DOCUMENT = new Sample("ECS in an Elasticsearch document",
            "{\"_index\":\"winlogbeat-7.4.0-2019.08.14\",\"_type\":\"_doc\",\"_id\":\"Xa1\",\"_score\":1,\"_source\":"
                    + ECS_FULL.json().strip() + "}", ECS_FULL.expected());

    // ---- Winlogbeat 6.x ---------------------------------------------------------------------------

    static final Sample WINLOGBEAT_6 = new Sample("Winlogbeat 6.x", """
            {"@timestamp":"2019-05-18T20:36:46.254Z","@metadata":{"beat":"winlogbeat","type":"doc","version":"6.7.0"},
             "message":"Network connection detected:\\nRuleName: ","version":5,"thread_id":2660,
             "user":{"name":"SYSTEM","domain":"NT AUTHORITY","type":"User","identifier":"S-1-5-18"},
             "beat":{"name":"WECserver","hostname":"WECserver","version":"6.7.0"},"record_number":"5402080","opcode":"Info",
             "process_id":1368,"source_name":"Microsoft-Windows-Sysmon","log_name":"Microsoft-Windows-Sysmon/Operational",
             "event_data":{"ProcessGuid":"{905CC552-2045-5CC5-0000-00105B2A0100}","ProcessId":"292","Initiated":"true",
                           "SourceIp":"172.18.39.5","User":"NT AUTHORITY\\\\NETWORK SERVICE"},
             "host":{"name":"WECserver"},"level":"Information","provider_guid":"{5770385F-C22A-43E0-BF4C-06F5698FFBD9}",
             "event_id":3,"computer_name":"HFDC01.shire.com","task":"Network connection detected (rule: NetworkConnect)",
             "keywords":["Classic"],"type":"wineventlog"}
            """, fields(
            "Provider_Name", "Microsoft-Windows-Sysmon",
            "Provider_Guid", "{5770385F-C22A-43E0-BF4C-06F5698FFBD9}",
            "EventID", "3",
            "Version", "5",
            "TimeCreated_SystemTime", "2019-05-18T20:36:46.2540000Z",
            "EventRecordID", "5402080",
            "Execution_ProcessID", "1368",
            "Execution_ThreadID", "2660",
            "Channel", "Microsoft-Windows-Sysmon/Operational",
            "Computer", "HFDC01.shire.com",
            "Security_UserID", "S-1-5-18",
            "ProcessGuid", "{905CC552-2045-5CC5-0000-00105B2A0100}",
            "ProcessId", "292",
            "Initiated", "true",
            "SourceIp", "172.18.39.5",
            "User", "NT AUTHORITY\\NETWORK SERVICE"));

    static final Sample WINLOGBEAT_6_SPARSE = new Sample("Winlogbeat 6.x, sparse, user_data", """
            {"@timestamp":"2019-05-18T20:40:00Z","log_name":"Microsoft-Windows-WMI-Activity/Operational",
             "computer_name":"HR001.shire.com","event_id":5857,"record_number":"17","source_name":"Microsoft-Windows-WMI-Activity",
             "user_data":{"xml_name":"Operation_StartedOperational","ProviderName":"WMIProv","ProcessID":"3016"}}
            """, fields(
            "Provider_Name", "Microsoft-Windows-WMI-Activity",
            "EventID", "5857",
            "TimeCreated_SystemTime", "2019-05-18T20:40:00.0000000Z",
            "EventRecordID", "17",
            "Channel", "Microsoft-Windows-WMI-Activity/Operational",
            "Computer", "HR001.shire.com",
            "ProviderName", "WMIProv",
            "ProcessID", "3016"));

    // ---- flat NXLog -------------------------------------------------------------------------------

    /**
     * NXLog im_msvistalog through Logstash (most Mordor datasets). EventTime is the collector's local
     * time: 19:26:07 local received = 23:26:07.434Z, so the collector is at UTC-4 and the event
     * (EventTime 19:26:05) is 23:26:05Z.
     */
    static final Sample NXLOG = new Sample("NXLog via Logstash", """
            {"Keywords":-9223372036854775808,"SeverityValue":2,"TargetObject":"HKU\\\\S-1-5-21-1\\\\Software","EventTypeOrignal":"INFO",
             "EventID":13,"ProviderGuid":"{5770385F-C22A-43E0-BF4C-06F5698FFBD9}","ExecutionProcessID":3172,
             "host":"wec.internal.cloudapp.net","Channel":"Microsoft-Windows-Sysmon/Operational","UserID":"S-1-5-18",
             "AccountType":"User","ThreadID":4048,"ProcessGuid":"{b34bc01c-2f95-5f69-5f01-000000000900}",
             "EventReceivedTime":"2020-09-21 19:26:07","Opcode":"Info","EventTime":"2020-09-21 19:26:05",
             "@timestamp":"2020-09-21T23:26:07.434Z","SourceModuleType":"im_msvistalog","port":64545,"AccountName":"SYSTEM",
             "RecordNumber":3227583,"Task":13,"Domain":"NT AUTHORITY","@version":"1","OpcodeValue":0,"SourceModuleName":"eventlog",
             "Severity":"INFO","SourceName":"Microsoft-Windows-Sysmon","Version":2,"EventType":"SetValue",
             "Image":"C:\\\\windows\\\\System32\\\\WindowsPowerShell\\\\v1.0\\\\powershell.exe","Details":null,
             "Category":"Registry value set (rule: RegistryEvent)","UtcTime":"2020-09-21 23:26:05.384",
             "Hostname":"WORKSTATION5.theshire.local","RuleName":"-","tags":["mordorDataset"],
             "Message":"Registry value set:\\r\\nRuleName: -"}
            """, fields(
            "Provider_Name", "Microsoft-Windows-Sysmon",
            "Provider_Guid", "{5770385F-C22A-43E0-BF4C-06F5698FFBD9}",
            "EventID", "13",
            "Version", "2",
            "Task", "13",
            "Opcode", "0",
            "Keywords", "0x8000000000000000",
            "TimeCreated_SystemTime", "2020-09-21T23:26:05.0000000Z",
            "EventRecordID", "3227583",
            "Execution_ProcessID", "3172",
            "Execution_ThreadID", "4048",
            "Channel", "Microsoft-Windows-Sysmon/Operational",
            "Computer", "WORKSTATION5.theshire.local",
            "Security_UserID", "S-1-5-18",
            "TargetObject", "HKU\\S-1-5-21-1\\Software",
            "ProcessGuid", "{B34BC01C-2F95-5F69-5F01-000000000900}",
            "EventType", "SetValue",
            "Image", "C:\\windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe",
            "Details", "",
            "UtcTime", "2020-09-21 23:26:05.384",
            "RuleName", "-"));

    /**
     * Another flat flavour (several Mordor datasets): TimeCreated in UTC, Level and Keywords as Windows
     * writes them, the provider GUID in lower case; its ProcessID is a string, i.e. the 5156 event's own
     * EventData, not the process that logged it.
     */
    static final Sample FLAT_TIMECREATED = new Sample("flat with TimeCreated", """
            {"SourceName":"Microsoft-Windows-Security-Auditing","ProviderGuid":"{54849625-5478-4994-a5ba-3e3b0328c30d}",
             "Level":"0","Keywords":"0x8020000000000000","Channel":"Security","Hostname":"DC01.pandalab.com",
             "TimeCreated":"2023-07-19T09:02:18.300Z","@timestamp":"2023-07-19T09:02:18.300Z","EventID":5156,
             "Message":"The Windows Filtering Platform has permitted a connection.","Task":"12810","ProcessID":"2348",
             "Application":"\\\\device\\\\harddiskvolume2\\\\windows\\\\system32\\\\dns.exe","Direction":"%%14593"}
            """, fields(
            "Provider_Name", "Microsoft-Windows-Security-Auditing",
            "Provider_Guid", "{54849625-5478-4994-A5BA-3E3B0328C30D}",
            "EventID", "5156",
            "Level", "0",
            "Task", "12810",
            "Keywords", "0x8020000000000000",
            "TimeCreated_SystemTime", "2023-07-19T09:02:18.3000000Z",
            "Channel", "Security",
            "Computer", "DC01.pandalab.com",
            "ProcessID", "2348",
            "Application", "\\device\\harddiskvolume2\\windows\\system32\\dns.exe",
            "Direction", "%%14593"));

    /** Raw NXLog JSON without Logstash: no UTC time at all, so EventTime is read as UTC (last resort). */
    static final Sample NXLOG_RAW = new Sample("NXLog raw, sparse", """
            {"EventTime":"2020-09-21 19:26:05","Hostname":"WS5","EventID":4624,"SourceName":"Microsoft-Windows-Security-Auditing",
             "Channel":"Security","ProcessID":812,"TargetUserName":"alice","LogonType":"3","Severity":"INFO","EventType":"AUDIT_SUCCESS"}
            """, fields(
            "Provider_Name", "Microsoft-Windows-Security-Auditing",
            "EventID", "4624",
            "TimeCreated_SystemTime", "2020-09-21T19:26:05.0000000Z",
            "Execution_ProcessID", "812",
            "Channel", "Security",
            "Computer", "WS5",
            "TargetUserName", "alice",
            "LogonType", "3"));

    // ---- evtx_dump --------------------------------------------------------------------------------

    static final Sample EVTX_DUMP = new Sample("evtx_dump", """
            {"Event": {"#attributes": {"xmlns": "http://schemas.microsoft.com/win/2004/08/events/event"},
              "System": {
                "Provider": {"#attributes": {"Name": "Microsoft-Windows-Sysmon", "Guid": "5770385F-C22A-43E0-BF4C-06F5698FFBD9"}},
                "EventID": {"#attributes": {"Qualifiers": 16384}, "#text": 3001},
                "Version": 3, "Level": 4, "Task": 7, "Opcode": 0,
                "Keywords": "0x8000000000000000",
                "TimeCreated": {"#attributes": {"SystemTime": "2025-11-27T07:40:10.165324Z"}},
                "EventRecordID": 571146,
                "Correlation": {"#attributes": {"ActivityID": "3AF69DEC-79B4-0001-0848-09856290D601"}},
                "Execution": {"#attributes": {"ProcessID": 3544, "ThreadID": 4272}},
                "Channel": "Microsoft-Windows-Sysmon/Operational",
                "Computer": "swachchhanda",
                "Security": {"#attributes": {"UserID": "S-1-5-18"}}
              },
              "EventData": {"#attributes": {"Name": "TaskDisabled"}, "ProcessGuid": "0197231E-005A-6928-A50B-000000000D00",
                            "ProcessId": 4460, "Signed": true, "Empty": null, "Data": {"#text": ["one", "two"]},
                            "Binary": "0A0B"},
              "UserData": {"Operation_ClientFailure": {"#attributes": {"xmlns": "http://manifests.microsoft.com/win/2006/windows/WMI"},
                           "ClientProcessId": 25920, "Nested": {"Leaf": "x"}, "Empty": {}}}
            }}
            """, fields(
            "Provider_Name", "Microsoft-Windows-Sysmon",
            "Provider_Guid", "{5770385F-C22A-43E0-BF4C-06F5698FFBD9}",
            "EventID_Qualifiers", "16384",
            "EventID", "3001",
            "Version", "3",
            "Level", "4",
            "Task", "7",
            "Opcode", "0",
            "Keywords", "0x8000000000000000",
            "TimeCreated_SystemTime", "2025-11-27T07:40:10.1653240Z",
            "EventRecordID", "571146",
            "Correlation_ActivityID", "{3AF69DEC-79B4-0001-0848-09856290D601}",
            "Execution_ProcessID", "3544",
            "Execution_ThreadID", "4272",
            "Channel", "Microsoft-Windows-Sysmon/Operational",
            "Computer", "swachchhanda",
            "Security_UserID", "S-1-5-18",
            "EventData_Name", "TaskDisabled",
            "ProcessGuid", "{0197231E-005A-6928-A50B-000000000D00}",
            "ProcessId", "4460",
            "Signed", "true",
            "Empty", "",
            "Data", "one",
            "Data", "two",
            "Binary", "0A0B",
            "ClientProcessId", "25920",
            "Leaf", "x",
            "Empty", ""));

    /** evtx_dump of a record without EventData and with a null Security. */
    static final Sample EVTX_DUMP_SPARSE = new Sample("evtx_dump, sparse", """
            {"Event": {"System": {"Provider": {"#attributes": {"Name": "Service Control Manager",
                 "EventSourceName": "Service Control Manager"}}, "EventID": 7045, "Correlation": null, "Security": null,
                 "Computer": "WS1", "Channel": "System"}}}
            """, fields(
            "Provider_Name", "Service Control Manager",
            "Provider_EventSourceName", "Service Control Manager",
            "EventID", "7045",
            "Computer", "WS1",
            "Channel", "System"));

    static final List<Sample> SAMPLES = List.of(ECS_FULL, ECS_SPARSE, ECS_DOTTED, ECS_IN_ELASTICSEARCH_DOCUMENT,
            WINLOGBEAT_6, WINLOGBEAT_6_SPARSE,
            NXLOG, FLAT_TIMECREATED, NXLOG_RAW, EVTX_DUMP, EVTX_DUMP_SPARSE);

    // ---- layouts ----------------------------------------------------------------------------------

    enum Layout { NDJSON, ARRAY_PRETTY, ARRAY_ONE_LINE, CONCATENATED_PRETTY, NDJSON_CRLF_BOM }

    /** The records written in a layout. */
    static String write(Layout layout, List<String> records) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String r : records) {
            nodes.add(JSON.readTree(r));
        }
        StringBuilder sb = new StringBuilder();
        switch (layout) {
            case NDJSON -> nodes.forEach(n -> sb.append(n.toString()).append('\n'));
            case NDJSON_CRLF_BOM -> {
                sb.append('\uFEFF');
                nodes.forEach(n -> sb.append(n.toString()).append("\r\n"));
            }
            case ARRAY_ONE_LINE -> sb.append(JSON.writer().without(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(nodes));
            case ARRAY_PRETTY -> {
                sb.append("[\n");
                for (int i = 0; i < nodes.size(); i++) {
                    String pretty = JSON.writeValueAsString(nodes.get(i));
                    sb.append("  ").append(pretty.replace("\n", "\n  ")).append(i < nodes.size() - 1 ? ",\n" : "\n");
                }
                sb.append("]\n");
            }
            case CONCATENATED_PRETTY -> nodes.forEach(n -> {
                try {
                    sb.append(JSON.writeValueAsString(n)).append('\n');
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        return sb.toString();
    }

    static JsonLayout expectedLayout(Layout layout) {
        return switch (layout) {
            case NDJSON, NDJSON_CRLF_BOM -> JsonLayout.NDJSON;
            case ARRAY_PRETTY, ARRAY_ONE_LINE -> JsonLayout.ARRAY;
            case CONCATENATED_PRETTY -> JsonLayout.CONCATENATED;
        };
    }

    static Stream<Arguments> samplesInLayouts() {
        List<Arguments> out = new ArrayList<>();
        for (Layout l : Layout.values()) {
            for (Sample s : SAMPLES) {
                out.add(Arguments.of(l, s));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{1} as {0}")
    @MethodSource("samplesInLayouts")
    void eachShapeGivesTheCanonicalFieldsInEachLayout(Layout layout, Sample sample) throws Exception {
        String text = write(layout, List.of(sample.json(), sample.json()));
        for (int block : new int[] {JsonEventReader.BLOCK_BYTES, 64}) {
            JsonRead.Result r = JsonRead.read(text, block, JsonEventReader.MAX_RECORD_BYTES);
            assertEquals(List.of(), r.problems(), "problems at block size " + block);
            assertEquals(expectedLayout(layout), r.layout());
            assertEquals(List.of(sample.expected(), sample.expected()), r.fields(), "at block size " + block);
        }
    }

    /** All shapes mixed in one file, in each layout: each record keeps its own shape. */
    @ParameterizedTest
    @MethodSource("layouts")
    void shapesMayBeMixedInOneFile(Layout layout) throws Exception {
        String text = write(layout, SAMPLES.stream().map(Sample::json).toList());
        JsonRead.Result r = JsonRead.read(text, 200, JsonEventReader.MAX_RECORD_BYTES);
        assertEquals(List.of(), r.problems());
        assertEquals(SAMPLES.stream().map(Sample::expected).toList(), r.fields());
        assertTrue(r.tasks() > 1, "several blocks at a small block size");
    }

    static Stream<Layout> layouts() {
        return Stream.of(Layout.values());
    }

    @ParameterizedTest
    @MethodSource("layouts")
    void systemFieldsComeFirstInCanonicalOrder(Layout layout) throws Exception {
        JsonRead.Result r = JsonRead.read(write(layout, List.of(NXLOG.json())));
        List<String> names = new ArrayList<>(JsonRead.fields(r.events().get(0)).keySet());
        assertEquals(List.of("Provider_Name", "Provider_Guid", "EventID", "Version", "Task", "Opcode", "Keywords",
                "TimeCreated_SystemTime", "EventRecordID", "Execution_ProcessID", "Execution_ThreadID", "Channel",
                "Computer", "Security_UserID"), names.subList(0, 14));
    }
}
