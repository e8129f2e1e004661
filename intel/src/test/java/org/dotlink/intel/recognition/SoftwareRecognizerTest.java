package org.dotlink.intel.recognition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.dotlink.core.Detection;
import org.dotlink.core.Event;
import org.dotlink.core.Level;
import org.dotlink.core.RuleInfo;
import org.dotlink.intel.SharedData;
import org.dotlink.intel.Software;
import org.junit.jupiter.api.Test;

class SoftwareRecognizerTest {

    private static SoftwareRecognizer recognizer() {
        return SoftwareRecognizer.of(SharedData.knowledgeBase());
    }

    private static String id(Optional<Software> s) {
        return s.map(Software::id).orElse(null);
    }

    @Test
    void toolAndOriginalFileNames() {
        SoftwareRecognizer r = recognizer();
        assertEquals("S0029", id(r.fromFileName("C:\\Windows\\PSEXESVC\\..\\Temp\\psexec.exe")));
        assertEquals("S0029", id(r.fromFileName("PsExec64.exe")));
        assertEquals("S0029", id(r.fromFileName("psexec.c")), "the OriginalFileName PsExec carries");
        assertEquals("S0002", id(r.fromFileName("C:\\Users\\x\\mimikatz.exe")));
        assertEquals("S0039", id(r.fromFileName("C:\\Windows\\System32\\net.exe")), "a tool named after its binary");
        assertEquals("S0040", id(r.fromFileName("/tmp/htran")));
    }

    @Test
    void shortCommonOrAmbiguousNamesDoNotMatch() {
        SoftwareRecognizer r = recognizer();
        assertEquals(null, id(r.fromFileName("C:\\Windows\\System32\\svchost.exe")));
        assertEquals(null, id(r.fromFileName("page.exe")), "Page is a short malware alias");
        assertEquals(null, id(r.fromFileName("play.exe")));
        assertEquals(null, id(r.fromFileName("zlib.dll")));
        assertEquals(null, id(r.fromFileName("dnsmessenger.exe")), "claimed by two software entries");
        assertEquals(null, id(r.fromFileName("")));
        assertEquals(null, id(r.fromFileName(null)));
        for (String name : r.table().keySet()) {
            assertTrue(name.matches("[a-z0-9_-]+"), name);
        }
    }

    @Test
    void fromEventsFieldsAndDetections() {
        SoftwareRecognizer r = recognizer();
        Event e = Event.builder("test.evtx")
                .add("EventID", "1")
                .add("Image", "C:\\Temp\\renamed.exe")
                .add("OriginalFileName", "mimikatz.exe")
                .add("ParentImage", "C:\\Windows\\System32\\cmd.exe")
                .build();
        assertEquals(Set.of("S0002", "S0106"), r.fromEvent(e));
        assertEquals(Set.of("S0029"), r.fromFields(Map.of("Image", "C:\\Tools\\PsExec.exe", "CommandLine", "x")));
        RuleInfo rule = new RuleInfo("r1", "China Chopper", Level.HIGH, List.of("T1505.003"), List.of("persistence"),
                List.of("S0020", "S9999"));
        assertEquals(Set.of("S0002", "S0020", "S0106"), r.fromDetection(Detection.of(rule, e)));
    }
}
