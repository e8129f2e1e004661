package org.dotlink.sigma.logsource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.dotlink.sigma.SigmaHq;
import org.dotlink.sigma.logsource.LogsourceMapping.Target;
import org.dotlink.sigma.rule.Logsource;
import org.junit.jupiter.api.Test;

class LogsourceMappingTest {

    private static final LogsourceMapping MAPPING = LogsourceMapping.builtIn();

    private static Logsource category(String c) {
        return new Logsource(Optional.of(c), Optional.of("windows"), Optional.empty());
    }

    private static Logsource service(String s) {
        return new Logsource(Optional.empty(), Optional.of("windows"), Optional.of(s));
    }

    @Test
    void processCreationMeansSysmonOneAndSecurity4688WithItsFieldNames() {
        List<Target> t = MAPPING.targets(category("process_creation"));
        assertEquals(2, t.size());
        assertEquals(new Target(List.of("Microsoft-Windows-Sysmon/Operational"), Set.of(1), Map.of(), Map.of()), t.get(0));
        assertEquals(new Target(List.of("Security"), Set.of(4688), Map.of(),
                Map.of("Image", "NewProcessName", "ParentImage", "ParentProcessName")), t.get(1));
    }

    @Test
    void servicesCategoriesWithConditionsAndUnknowns() {
        assertEquals(List.of(new Target(List.of("Security"), Set.of(), Map.of(), Map.of())), MAPPING.targets(service("security")));
        assertEquals(List.of("Microsoft-Windows-PowerShell/Operational", "PowerShellCore/Operational"),
                MAPPING.targets(service("powershell")).get(0).channels());
        assertEquals(List.of(new Target(List.of("Microsoft-Windows-Sysmon/Operational"), Set.of(12),
                Map.of("EventType", "CreateKey"), Map.of())), MAPPING.targets(category("registry_add")));
        assertEquals(List.of(), MAPPING.targets(category("no_such_category")));
        assertEquals(List.of(), MAPPING.targets(new Logsource(Optional.of("process_creation"), Optional.of("linux"),
                Optional.empty())), "a Linux process_creation rule has no Windows target");
    }

    /**
     * What is run: the logsources of Windows and of logs without a product, but not those of other products,
     * nor the logs of other software that Sigma names without a product (Apache's and nginx's own logs, a
     * database's queries), whose keyword rules would otherwise read every field of every event.
     */
    @Test
    void logsOfOtherProductsAndOtherSoftwareAreNotRead() {
        Optional<String> none = Optional.empty();
        assertTrue(MAPPING.readable(service("security")));
        assertTrue(MAPPING.readable(new Logsource(none, Optional.of("windows"), none)), "every Windows log (Mimikatz keywords)");
        assertTrue(MAPPING.readable(new Logsource(Optional.of("webserver"), none, none)), "IIS and Exchange W3C logs");
        assertTrue(MAPPING.readable(new Logsource(Optional.of("proxy"), none, none)), "unmapped: matched on its fields alone");
        assertTrue(MAPPING.readable(new Logsource(none, none, Optional.of("no_such_service"))));
        assertEquals(false, MAPPING.readable(new Logsource(Optional.of("process_creation"), Optional.of("linux"), none)));
        assertEquals(false, MAPPING.readable(new Logsource(none, none, Optional.of("apache"))));
        assertEquals(false, MAPPING.readable(new Logsource(none, none, Optional.of("nginx"))));
        assertEquals(false, MAPPING.readable(new Logsource(Optional.of("database"), none, none)));
        assertEquals(List.of(), MAPPING.targets(new Logsource(Optional.of("database"), none, none)));
    }

    /**
     * Services that SigmaHQ's thor.yml does not name, added for the built-in rules: WinRM, the Remote Desktop
     * connection manager and RdpCoreTS operational logs, named after their channels as SigmaHQ names services.
     */
    @Test
    void remoteAccessChannelsBeyondThor() {
        assertEquals(List.of(new Target(List.of("Microsoft-Windows-WinRM/Operational"), Set.of(), Map.of(), Map.of())),
                MAPPING.targets(service("winrm")));
        assertEquals(List.of(new Target(List.of("Microsoft-Windows-TerminalServices-RemoteConnectionManager/Operational"),
                Set.of(), Map.of(), Map.of())), MAPPING.targets(service("terminalservices-remoteconnectionmanager")));
        assertEquals(List.of(new Target(List.of("Microsoft-Windows-RemoteDesktopServices-RdpCoreTS/Operational"),
                Set.of(), Map.of(), Map.of())), MAPPING.targets(service("remotedesktopservices-rdpcorets")));
    }

    /** Every Windows logsource of SigmaHQ's own test mapping means the same here. */
    @Test
    void agreesWithSigmaHqsTestMapping() throws Exception {
        Path thor = SigmaHq.dir().resolve("tests/thor.yml");
        JsonNode logsources = new ObjectMapper(new YAMLFactory()).readTree(thor.toFile()).path("logsources");
        Map<String, List<String>> serviceChannels = new LinkedHashMap<>();
        for (JsonNode ls : logsources) {
            if (ls.path("product").asText().equals("windows") && ls.has("service") && ls.has("sources")) {
                List<String> channels = new ArrayList<>();
                ls.path("sources").forEach(s -> channels.add(s.asText().substring("WinEventLog:".length())));
                serviceChannels.put(ls.path("service").asText(), channels);
            }
        }
        int checked = 0;
        for (JsonNode ls : logsources) {
            if (!ls.path("product").asText().equals("windows")) {
                continue;
            }
            boolean isCategory = ls.has("category");
            if (!isCategory && !ls.has("sources")) {
                continue;
            }
            String service = isCategory ? ls.path("rewrite").path("service").asText() : ls.path("service").asText();
            Set<Integer> ids = new LinkedHashSet<>();
            Map<String, String> conditions = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = ls.path("conditions").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> c = it.next();
                if (c.getKey().equals("EventID")) {
                    if (c.getValue().isArray()) {
                        c.getValue().forEach(v -> ids.add(v.asInt()));
                    } else {
                        ids.add(c.getValue().asInt());
                    }
                } else {
                    conditions.put(c.getKey(), c.getValue().asText());
                }
            }
            Map<String, String> fields = new LinkedHashMap<>();
            ls.path("fieldmappings").fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue().asText()));
            Target expected = new Target(serviceChannels.get(service), ids, conditions, fields);
            Logsource logsource = isCategory ? category(ls.path("category").asText()) : service(service);
            List<Target> ours = MAPPING.targets(logsource);
            // the same events; our field mappings include thor's and may add more (Defender's spaced names)
            assertTrue(ours.stream().anyMatch(t -> t.channels().equals(expected.channels())
                    && t.eventIds().equals(expected.eventIds()) && t.conditions().equals(expected.conditions())
                    && t.fieldMappings().entrySet().containsAll(expected.fieldMappings().entrySet())),
                    logsource + ": expected " + expected + " among " + ours);
            checked++;
        }
        System.out.println("logsource mapping agrees with thor.yml on " + checked + " Windows logsources");
        assertEquals(85, checked);
    }
}
