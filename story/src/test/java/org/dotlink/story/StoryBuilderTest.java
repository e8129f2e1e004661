package org.dotlink.story;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.dotlink.core.Detection;
import org.dotlink.core.Event;
import org.dotlink.core.Finding;
import org.dotlink.core.Level;
import org.dotlink.core.RuleInfo;
import org.dotlink.core.Story;
import org.junit.jupiter.api.Test;

class StoryBuilderTest {

    private static final RuleInfo RULE = new RuleInfo("r1", "Suspicious thing", Level.HIGH, List.of("T1059"),
            List.of("execution"), List.of());

    private static Event sysmon1(String host, String time, String guid, String image, String parentGuid,
                                 String parentImage, String user) {
        return Event.builder("t").add("Channel", "Microsoft-Windows-Sysmon/Operational").add("EventID", "1")
                .add("Computer", host).add("TimeCreated_SystemTime", time).add("ProcessGuid", guid).add("Image", image)
                .add("ParentProcessGuid", parentGuid).add("ParentImage", parentImage).add("User", user).build();
    }

    private static StoryBuilder.Result build(List<Event> events, List<Event> findings) {
        StoryBuilder b = new StoryBuilder();
        events.forEach(e -> b.observe(FactExtractor.of(e)));
        findings.forEach(e -> b.add(Finding.of(Detection.of(RULE, e))));
        return b.build();
    }

    @Test
    void childrenOfOneNonHubProcessAreOneStoryButChildrenOfServicesAreNot() {
        Event services = sysmon1("H", "2021-01-01T10:00:00Z", "{s}", "C:\\Windows\\System32\\services.exe", "{w}",
                "C:\\Windows\\System32\\wininit.exe", "NT AUTHORITY\\SYSTEM");
        Event a = sysmon1("H", "2021-01-01T10:01:00Z", "{a}", "C:\\x\\a.exe", "{s}", "C:\\Windows\\System32\\services.exe",
                "NT AUTHORITY\\SYSTEM");
        Event b = sysmon1("H", "2021-01-01T10:02:00Z", "{b}", "C:\\x\\b.exe", "{s}", "C:\\Windows\\System32\\services.exe",
                "NT AUTHORITY\\SYSTEM");
        Event a1 = sysmon1("H", "2021-01-01T10:03:00Z", "{a1}", "C:\\x\\c.exe", "{a}", "C:\\x\\a.exe", "NT AUTHORITY\\SYSTEM");
        StoryBuilder.Result r = build(List.of(services, a, b, a1), List.of(a, b, a1));
        assertEquals(2, r.stories().size());
        Story first = r.stories().get(0);
        assertEquals(2, first.findings().size(), "a and its child");
        assertEquals("process-tree", first.links().get(0).kind());
        assertEquals(r.storyOfFinding()[0], r.storyOfFinding()[2]);
        assertEquals(1, r.stories().get(1).findings().size(), "b: services.exe links nothing");
    }

    @Test
    void sameUserOnAHostWithinHalfAnHourLinksButNotLater() {
        Event x = sysmon1("H", "2021-01-01T10:00:00Z", "{x}", "C:\\x\\x.exe", "{e1}", "C:\\Windows\\explorer.exe", "CORP\\bob");
        Event y = sysmon1("H", "2021-01-01T10:20:00Z", "{y}", "C:\\x\\y.exe", "{e1}", "C:\\Windows\\explorer.exe", "CORP\\bob");
        Event z = sysmon1("H", "2021-01-01T11:30:00Z", "{z}", "C:\\x\\z.exe", "{e1}", "C:\\Windows\\explorer.exe", "CORP\\bob");
        StoryBuilder.Result r = build(List.of(x, y, z), List.of(x, y, z));
        assertEquals(2, r.stories().size());
        assertEquals("user-on-host", r.stories().get(0).links().get(0).kind());
        assertEquals(r.storyOfFinding()[0], r.storyOfFinding()[1]);
    }

    @Test
    void remoteTargetsAreReadFromCommandLines() {
        assertEquals("dc01", FactExtractor.remoteTarget("psexec.exe \\\\dc01.corp.local -accepteula cmd"));
        assertEquals("10.0.0.5", FactExtractor.remoteTarget("wmic /node:\"10.0.0.5\" process call create calc"));
        assertNull(FactExtractor.remoteTarget("cmd /c dir \\\\127.0.0.1\\admin$"));
        assertNull(FactExtractor.remoteTarget("notepad.exe c:\\x.txt"));
        assertEquals("psexesvc.exe", FactExtractor.serviceImage("\"%systemroot%\\psexesvc.exe\" -k"));
        assertEquals("cmd.exe", FactExtractor.serviceImage("%comspec% /c echo"));
    }
}
