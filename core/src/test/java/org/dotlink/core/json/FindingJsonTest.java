package org.dotlink.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.dotlink.core.Detection;
import org.dotlink.core.Event;
import org.dotlink.core.EventRef;
import org.dotlink.core.Finding;
import org.dotlink.core.Level;
import org.dotlink.core.RuleInfo;
import org.junit.jupiter.api.Test;

class FindingJsonTest {

    private static final RuleInfo RULE = new RuleInfo("r", "Rule \"story\":null, é", Level.HIGH, List.of("T1059"),
            List.of("execution"), List.of());

    @Test
    void eachLinesStoryMemberAndLengthAreTold() {
        Event e = Event.builder("C:\\logs\\a.evtx").add("CommandLine", "echo ,\"story\":null, 漢")
                .add("Computer", "ws1").add("TimeCreated_SystemTime", "2021-03-01T10:00:00.1234567Z").build();
        Detection correlation = Detection.correlation(RULE, List.of(new EventRef("b.evtx", 7, "2021-03-01T10:00:01Z")),
                Map.of("User", "bob"), "ws1");
        List<Finding> findings = List.of(Finding.of(Detection.of(RULE, e)), Finding.of(correlation),
                Finding.of(Detection.of(RULE, e)).withStory("story-0001"));
        int[] storyAt = new int[3];
        int[] lengths = new int[3];
        byte[] written = FindingJson.lines(findings, storyAt, lengths).toByteArray();

        assertEquals(new String(FindingJson.lines(findings).toByteArray(), StandardCharsets.UTF_8),
                new String(written, StandardCharsets.UTF_8));
        String[] lines = new String(written, StandardCharsets.UTF_8).split("\n", -1);
        int start = 0;
        for (int i = 0; i < 3; i++) {
            byte[] line = (lines[i] + "\n").getBytes(StandardCharsets.UTF_8);
            assertEquals(line.length, lengths[i], "line " + i);
            String member = i == 2 ? ",\"story\":\"story-0001\"," : ",\"story\":null,";
            assertEquals(member, new String(written, start + storyAt[i], member.length(), StandardCharsets.UTF_8));
            // the first such text of the line is the member: what comes before it is the finding's head
            assertEquals(new String(line, 0, storyAt[i], StandardCharsets.UTF_8).length(), lines[i].indexOf(member));
            start += line.length;
        }
        assertEquals(written.length, start);
    }

    @Test
    void aPendingStoryIsWrittenForFindingsWithoutOne() {
        Event e = Event.builder("C:\\logs\\a.evtx").add("Computer", "ws1")
                .add("TimeCreated_SystemTime", "2021-03-01T10:00:00Z").build();
        List<Finding> findings = List.of(Finding.of(Detection.of(RULE, e)),
                Finding.of(Detection.of(RULE, e)).withStory("story-0001"));
        int[] storyAt = new int[2];
        int[] lengths = new int[2];
        byte[] written = FindingJson.lines(findings, "story-????", storyAt, lengths).toByteArray();
        // the same lines as for findings in that story, the finding's own story kept
        assertEquals(new String(FindingJson.lines(List.of(findings.get(0).withStory("story-????"), findings.get(1)))
                .toByteArray(), StandardCharsets.UTF_8), new String(written, StandardCharsets.UTF_8));
        // where each line's member is, and how long the line is, counted in bytes
        assertEquals(",\"story\":\"story-????\",", new String(written, storyAt[0], 22, StandardCharsets.UTF_8));
        assertEquals(",\"story\":\"story-0001\",",
                new String(written, lengths[0] + storyAt[1], 22, StandardCharsets.UTF_8));
        assertEquals('\n', written[lengths[0] - 1]);
        assertEquals(written.length, lengths[0] + lengths[1]);
    }
}
