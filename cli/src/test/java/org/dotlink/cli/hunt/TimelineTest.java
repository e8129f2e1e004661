package org.dotlink.cli.hunt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dotlink.core.Detection;
import org.dotlink.core.Event;
import org.dotlink.core.Level;
import org.dotlink.core.RuleInfo;
import org.junit.jupiter.api.Test;

class TimelineTest {

    private static final RuleInfo RULE = new RuleInfo("r", "Rule", Level.HIGH, List.of("T1059"), List.of("execution"), List.of());

    @Test
    void detailsListTheKeyFieldsInTheirOrderWhateverTheEventsOrder() {
        Event e = Event.builder("t")
                .add("User", "CORP\\bob")
                .add("Hashes", "SHA1=00")
                .add("ParentImage", "C:\\Windows\\explorer.exe")
                .add("CommandLine", "cmd.exe /c whoami\r\n/all")
                .add("LogonType", "-")
                .add("TargetFilename", "")
                .add("IpAddress", "10.0.0.1")
                .add("IpAddress", "10.0.0.2")
                .build();
        assertEquals("CommandLine: cmd.exe /c whoami  /all ¦ ParentImage: C:\\Windows\\explorer.exe ¦ User: CORP\\bob"
                + " ¦ IpAddress: 10.0.0.1, 10.0.0.2", Timeline.details(Detection.of(RULE, e)),
                "key fields only, in KEY_FIELDS order; empty and '-' values left out; several values joined");
    }

    @Test
    void longDetailsAreCut() {
        Event.Builder b = Event.builder("t");
        for (String f : List.of("CommandLine", "Image", "ParentImage", "ParentCommandLine", "TargetFilename")) {
            b.add(f, "x".repeat(180));
        }
        String details = Timeline.details(Detection.of(RULE, b.build()));
        assertTrue(details.endsWith("...") && details.length() == 603, details.length() + ": " + details);
    }
}
